/**
 * How the devnet's components are configured and wired to each other over loopback: the same
 * settings each would get as a separate {@code merapi} process.
 */
package io.merapi.devnet.wire;
