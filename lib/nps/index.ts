/**
 * The figures of docs/nps-method.md as pure, typed functions. `now` is always an argument.
 */
export * from './classify';
export * from './nps';
export * from './interval';
export * from './summary';
export * from './windows';
export * from './roles';
export * from './resolved';
export * from './history';
export * from './significance';
export * from './distribution';
export * from './rates';
export * from './channels';
export * from './loop';
export * from './followup';
export * from './lastSurveyed';
export * from './context';
export * from './person';
export * from './attention';
