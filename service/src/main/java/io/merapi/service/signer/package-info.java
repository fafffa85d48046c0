/**
 * The services' signing keys, from {@code --private-key} or {@code --mnemonic} with {@code
 * --hd-path} as op-service's {@code crypto} package reads them.
 */
package io.merapi.service.signer;
