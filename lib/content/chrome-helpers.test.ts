import { isCrmEnabled } from './crm-enabled';
import { luminance, parseRgb, themeOfBackground } from './page-look';

test('a CRM is off when the user disabled it, or when a policy lists the allowed ones without it', () => {
  expect(isCrmEnabled('salesforce', undefined, undefined)).toBe(true);
  expect(isCrmEnabled('salesforce', { disabledCrms: ['zendesk'] }, undefined)).toBe(true);
  expect(isCrmEnabled('salesforce', { disabledCrms: ['salesforce'] }, undefined)).toBe(false);
  // The administrator's list wins over the user's, both ways.
  expect(isCrmEnabled('salesforce', { disabledCrms: ['salesforce'] }, ['salesforce'])).toBe(true);
  expect(isCrmEnabled('zendesk', { disabledCrms: [] }, ['salesforce'])).toBe(false);
  // Damaged values never turn a CRM off.
  expect(isCrmEnabled('salesforce', { disabledCrms: 'salesforce' }, 'salesforce')).toBe(true);
  expect(isCrmEnabled('salesforce', null, null)).toBe(true);
});

test("the page's theme follows the luminance of its background; transparent says nothing", () => {
  expect(parseRgb('rgb(31, 42, 51)')).toEqual([31, 42, 51, 1]);
  expect(parseRgb('rgba(0, 0, 0, 0)')).toEqual([0, 0, 0, 0]);
  expect(parseRgb('oklch(0.5 0.1 200)')).toBeUndefined();
  expect(luminance([255, 255, 255])).toBeCloseTo(1);
  expect(luminance([0, 0, 0])).toBe(0);
  expect(themeOfBackground('rgb(255, 255, 255)')).toBe('light');
  expect(themeOfBackground('rgb(243, 243, 243)')).toBe('light');
  expect(themeOfBackground('rgb(31, 42, 51)')).toBe('dark');
  expect(themeOfBackground('rgb(22, 25, 29)')).toBe('dark');
  expect(themeOfBackground('rgba(0, 0, 0, 0)')).toBeUndefined();
  expect(themeOfBackground('rgba(20, 20, 20, 0.2)')).toBeUndefined();
});
