/**
 * Who is acting and when; passed in so that tests control the clock. A module
 * of its own so that every model module (reviews, upgrades) can take it
 * without importing another.
 */
export type Actor = {by: string; email?: string; at: Date; commit?: string};
