/** Ratings 好差评, rectifications 整改, appeals 申诉: schemas and types. */
export {};
