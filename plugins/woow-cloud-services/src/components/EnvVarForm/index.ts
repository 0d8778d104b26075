export { EnvVarForm } from './EnvVarForm';
export type { EnvVarFormProps } from './EnvVarForm';
export { ValueField } from './ValueField';
