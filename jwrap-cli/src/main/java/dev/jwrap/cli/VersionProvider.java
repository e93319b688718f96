package dev.jwrap.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar's manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Jwrap.class.getPackage().getImplementationVersion();
        return new String[] {"jwrap " + (v == null ? "(development build)" : v)};
    }
}
