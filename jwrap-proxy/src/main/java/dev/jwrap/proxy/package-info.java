/** The wrapper outside the super-server: jwrap tcpd (exec in place after the check) and jwrap guard (an access-checking relay in front of a standalone daemon). */
package dev.jwrap.proxy;
