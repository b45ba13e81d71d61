/**
 * Accessibility on the sample site in dark mode: axe-core (WCAG A/AA and best practices) finds
 * nothing on any page kind (test/support/pageKinds.ts), in headless Chromium. One file per colour
 * scheme, so the two run beside each other and the other files.
 */
import { describeAxe } from '../support/pageKinds.ts';

describeAxe('dark');
