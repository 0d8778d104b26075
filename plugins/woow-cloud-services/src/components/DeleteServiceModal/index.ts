export { DeleteServiceModal } from './DeleteServiceModal';
export type { DeleteServiceModalProps } from './DeleteServiceModal';
