export { CategoryFilter } from './CategoryFilter';
export type { CategoryChoice, CategoryFilterProps } from './CategoryFilter';
