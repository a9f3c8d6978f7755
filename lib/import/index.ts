export * from './headers';
export * from './values';
export * from '../model/names';
export * from './rows';
export * from './stream';
export { readRecords, detectEncoding, type CsvSource, type ReadOptions, type RecordChunk } from './csvReader';
export { to18, normaliseSalesforceId } from '../crm/salesforce/ids';
export * from './mapping';
export * from './policy';
