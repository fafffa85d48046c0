/**
 * What the node's RPC clients share: bounded caches of data addressed by hash and retries with
 * exponential backoff for temporary failures.
 */
package io.merapi.node.client;
