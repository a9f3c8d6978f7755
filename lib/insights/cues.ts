/**
 * Words with a polarity in B2B software feedback that general-purpose sentiment lexicons miss or weigh
 * differently: "slow", "crash", "outage", "seamless" are neutral words in general English and clear
 * complaints or praise in an NPS comment. Data, like the taxonomy; weights are in the units of the
 * sentiment engine's clause score (about −1 … 1). A cue inside a negation counts the other way
 * ("never slow", "no bugs").
 */
export const SENTIMENT_CUES: Readonly<Record<string, number>> = {
  // complaints
  slow: -0.6, slowly: -0.6, slowness: -0.6, slowdown: -0.6, sluggish: -0.6, lag: -0.5, laggy: -0.6, latency: -0.4,
  'take forever': -0.6, forever: -0.4, timeout: -0.4, 'time out': -0.4, freeze: -0.5, hang: -0.3, spinner: -0.2,
  crash: -0.6, bug: -0.5, buggy: -0.6, glitch: -0.4, outage: -0.6, downtime: -0.5, 'down again': -0.6, error: -0.4,
  fail: -0.5, failure: -0.5, broken: -0.5, break: -0.4, unreliable: -0.6, unstable: -0.6, 'lose data': -0.6,
  'data loss': -0.6, 'lose work': -0.6, lost: -0.3, missing: -0.4, lack: -0.4, limited: -0.4, expensive: -0.5,
  overpriced: -0.6, pricey: -0.4, costly: -0.4, 'too much': -0.4, 'too long': -0.4, 'too many': -0.4, 'too short': -0.3,
  'too generic': -0.3, clunky: -0.5, cumbersome: -0.5, outdated: -0.4, confusing: -0.5, complicated: -0.4,
  nightmare: -0.7, mess: -0.5, useless: -0.6, poor: -0.5, worse: -0.5, worst: -0.7, impossible: -0.5, rude: -0.6,
  ignore: -0.4, hard: -0.3, difficult: -0.3, steep: -0.3, problem: -0.4, issue: -0.3, regret: -0.6, wrong: -0.4,
  duplicate: -0.3, 'double work': -0.4, wait: -0.3, waiting: -0.3, 'still no': -0.5, 'no answer': -0.5,
  'never answer': -0.6, 'never arrive': -0.5, "doesn't work": -0.5, 'does not work': -0.5, 'not work': -0.5,
  punish: -0.5, scam: -0.7, unacceptable: -0.7, overdue: -0.3, 'used to be': -0.3, 'not what we were sold': -0.6,
  expected: -0.2, 'expected more': -0.5, 'expected better': -0.5, 'hoped': -0.2, 'sadly': -0.4, 'mildly': 0,
  'avoid': -0.4, 'avoiding': -0.4, 'hidden': -0.3, 'awful': -0.7, 'terrible': -0.7, 'meh': -0.4, 'not great': -0.5,
  'could be better': -0.4, 'downhill': -0.5, 'ignored': -0.5, 'insane': -0.4, 'a joke': -0.6, 'tight': -0.2,
  // praise
  fast: 0.5, faster: 0.5, quick: 0.4, quickly: 0.4, instant: 0.4, instantly: 0.5, snappy: 0.5, blazing: 0.5,
  smooth: 0.5, smoothly: 0.5, seamless: 0.6, seamlessly: 0.6, intuitive: 0.6, easy: 0.4, simple: 0.3, clean: 0.3,
  stable: 0.5, reliable: 0.5, solid: 0.4, 'rock solid': 0.6, responsive: 0.4, helpful: 0.5, flexible: 0.4,
  powerful: 0.4, useful: 0.4, painless: 0.5, breeze: 0.5, perfectly: 0.5, 'just works': 0.6, 'saves us': 0.4,
  recommend: 0.5, happy: 0.5, 'game changer': 0.6, lifesaver: 0.6, 'good value': 0.5, 'value for money': 0.4,
  fair: 0.3, 'on time': 0.3, 'on budget': 0.3, kind: 0.3, friendly: 0.4, patient: 0.4, thorough: 0.4,
  'above and beyond': 0.6, rocks: 0.5, 'well designed': 0.5, 'well written': 0.5, clear: 0.3, 'exactly what': 0.4,
  'no complaints': 0.5, 'no issues': 0.5, 'no problem': 0.5, 'never had a problem': 0.5,
  // lukewarm: general lexicons read these as praise, an NPS comment means "nothing to report"
  fine: -0.35, ok: -0.7, okay: -0.7, average: -0.2, 'does the job': 0, works: -0.5, 'it works': -0.5,
  // theme words that general lexicons count as praise ("support", "help") and fillers ("still")
  support: -0.3, help: -0.3, still: -0.25, care: -0.3,
};

/** Wishes: a clause that holds one is a request (neutral by docs/insights.md), whatever its words' polarity. */
export const WISHES: readonly string[] = [
  'would like', "we'd like", "i'd like", 'would love', "we'd love", "i'd love", 'would be nice', 'would be great',
  'would help', 'please add', 'wish', 'feature request', 'can you add', 'could you add', 'looking forward',
  'do you plan', 'are you planning',
];
