/**
 * What the popup's compact view of an account receives (`getAccountGlance`): the headline, the roles and
 * the open follow-ups of the default window, computed in the background. Never the account's records:
 * a 10,000-response account's records are some 4.5 MB to clone across, for three small blocks shown.
 */
import type { Account, WindowKey } from '../model';
import type { AccountContext } from '../nps';

export interface AccountGlance {
  account: Account;
  /** The window the figures are of (the display settings' default). */
  window: WindowKey;
  overall: AccountContext['overall'];
  roles: AccountContext['roles'];
  /** Open and in-progress follow-ups, overdue first, every one of them (a compact view has no "Show all"). */
  openActions: AccountContext['openActions'];
}
