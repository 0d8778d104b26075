// A test checks behaviour, not speed: this limit only stops a test that hangs.
jest.setTimeout(60_000);

export {};
