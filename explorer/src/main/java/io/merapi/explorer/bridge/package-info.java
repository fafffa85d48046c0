/**
 * The bridge as the explorer shows it (explorer/DESIGN.md §6, §7): the L1 contracts found from the
 * rollup config, withdrawals and their four stages, the time left to each, decoded logs and the
 * bridge's tokens.
 */
package io.merapi.explorer.bridge;
