/**
 * The explorer's web pages: an HTTP server on Vert.x core, the routes, and HTML rendered on the
 * server with every piece of data escaped (explorer/DESIGN.md §4, §8).
 */
package io.merapi.explorer.web;
