/**
 * The web console tested as people use it: headless Chromium driving every role's screens against the running
 * service, with screenshots and accessibility checks. A package of its own because it needs a browser and is skipped,
 * with the reason, where none is installed.
 */
package org.complaintledger.console;
