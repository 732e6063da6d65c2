// The BOM alone aligns what the building blocks, the component, the client and the emulator bring.
def resolved = evaluate(new File(treeChecks)).call(new File(basedir, 'target/dependencies.txt'))
def ours = resolved.findAll { it.group == 'org.mconnectevents' }
assert ours*.artifact.sort() == ['camel-mconnect-events', 'camel-mconnect-events-jpa', 'mconnect-events-client',
                                 'mconnect-events-emulator']
assert ours*.version.unique() == [projectVersion]
