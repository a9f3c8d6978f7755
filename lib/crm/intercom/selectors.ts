/**
 * Intercom selectors. None yet: Intercom's DOM is not documented in our notes, so the adapter reads only
 * the URL. Add ordered lists here (with the page each is expected on) once fixtures are captured.
 */
export {};
