/**
 * The explorer's local index in RocksDB (explorer/DESIGN.md §3.1): the blocks it has followed and
 * where each transaction and each address's transactions are, kept across restarts, and the
 * follower that fills it and undoes it across reorgs.
 */
package io.merapi.explorer.index;
