import { z } from 'zod';

// The renderer's CSP forbids eval; zod's JIT probes `new Function` at first use and logs a CSP violation.
// Jitless mode validates the same way without generating code.
z.config({ jitless: true });

/** zod, configured for a strict CSP. Import z from here, never from 'zod' directly. */
export { z };
