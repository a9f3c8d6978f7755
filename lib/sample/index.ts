export * from './generate';
export { createRandom, type Random } from './prng';
