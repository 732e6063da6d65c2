// Our BOM leaves Camel to the application (every Camel artifact at the camel-bom it imports after ours) and aligns
// Netty, Camel's Netty components' included (the shared checks).
def resolved = evaluate(new File(treeChecks)).call(new File(basedir, 'target/dependencies.txt'))
def camel = resolved.findAll { it.group == 'org.apache.camel' }
assert camel*.artifact.containsAll(['camel-netty-http', 'camel-support', 'camel-health'])
assert camel*.version.unique() == [camelKarafVersion] :
        "Camel not at ${camelKarafVersion} alone: ${camel.collect { "${it.artifact} ${it.version}" }.sort().join(', ')}"
