// The fixture app (woow-fixture-app chart) as a real program, for the real test node.
module woow.local/test-fixtures/app

go 1.24.0
