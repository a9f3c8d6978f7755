import { intercom } from '.';

describe('intercom', () => {
  it('offers the conversation or user id from the URL', () => {
    const doc = {} as Document; // never read
    expect(intercom.hints(new URL('https://app.intercom.com/a/inbox/xyz123ab/inbox/shared/all/conversation/88'), doc)).toEqual({ intercomConversationId: '88' });
    expect(intercom.hints(new URL('https://app.eu.intercom.com/a/apps/xyz123ab/users/5f1e2d3c4b5a69788796a5b4'), doc)).toEqual({
      intercomUserId: '5f1e2d3c4b5a69788796a5b4',
    });
  });

  it('keys records by workspace, as ids repeat across workspaces', () => {
    const url = new URL('https://app.intercom.com/a/inbox/xyz123ab/inbox/shared/all/conversation/88');
    expect(intercom.recordKey(url, intercom.pageKind(url)!)).toBe('intercom:xyz123ab:conversation:88');
  });
});
