/**
 * The rollup's own links between the chains: which L1 block made an L2 block safe and which batcher
 * transactions carried it (explorer/DESIGN.md §5).
 */
package io.merapi.explorer.rollup;
