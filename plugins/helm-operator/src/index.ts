export { helmOperatorPlugin as default } from './plugin';
