export type * from './ast';
export { parseBicep } from './parse';
export { forEachChild, walk } from './walk';
export { findProperty, nodeRange, propertyName, stringValue } from './query';
export { MAX_DEPTH } from './parserState';
