/**
 * Respondents, one list per account.
 */
import { mergePeople, type Respondent, type RespondentList } from './db';
import { quietly } from './tx-helpers';

/** Merges people into their accounts' respondent lists (`mergePeople`): one read and one write per account. */
export async function putPeople(
  lists: { get(key: string): Promise<RespondentList | undefined>; put(value: RespondentList): Promise<unknown> },
  people: readonly Respondent[],
): Promise<void> {
  const byAccount = new Map<string, Respondent[]>();
  for (const person of people) {
    const list = byAccount.get(person.accountId);
    if (list) list.push(person);
    else byAccount.set(person.accountId, [person]);
  }
  const accountIds = [...byAccount.keys()];
  const stored = await Promise.all(accountIds.map((id) => lists.get(id)));
  accountIds.forEach((accountId, i) => {
    quietly(lists.put({ accountId, people: mergePeople(stored[i]?.people ?? [], byAccount.get(accountId)!) }));
  });
}
