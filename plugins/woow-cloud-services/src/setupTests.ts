import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// These machines are shared and noisy: a component test checks behaviour,
// not speed. The limits below only stop a test that hangs (a poll that never
// comes, an element that never appears); they are far above what a test
// needs on a loaded machine. (Jest's 5 s and Testing Library's 1 s defaults
// failed tests on a CI machine busy with other work.)
jest.setTimeout(120_000);
configure({ asyncUtilTimeout: 20_000 });

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one. The
// stub never reports a size, so charts keep their initial dimension.
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
