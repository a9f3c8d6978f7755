/** The comments' filters (`lib/insights/comment-filter.ts`: the background pages the panel's comments with them). */
export * from '../../lib/insights/comment-filter';
