/** Tables of the ratings domain (好差评, rectifications, appeals). */
export type RatingTables = {};
