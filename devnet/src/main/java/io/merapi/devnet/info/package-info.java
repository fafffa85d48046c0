/** What the devnet tells its users: {@code devnet.json} and the start banner. */
package io.merapi.devnet.info;
