/**
 * Rollup data in EIP-4844 blobs (specs ecotone/derivation.md "Blob Encoding"): {@link
 * io.merapi.derive.blob.BlobEncoding#decode} gives a blob's data (then parsed like calldata) or
 * throws {@link io.merapi.derive.blob.BlobFormatException}; {@link
 * io.merapi.derive.blob.BlobEncoding#encode} packs data into a blob.
 */
package io.merapi.derive.blob;
