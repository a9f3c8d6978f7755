export * from './generate';
export * from './bulk-csv';
export { createRandom, type Random } from './prng';
