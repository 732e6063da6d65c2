// One Jackson, one Vert.x, one Netty: the client declares jackson-core itself, nearer than Vert.x core's older one.
def resolved = evaluate(new File(treeChecks)).call(new File(basedir, 'target/dependencies.txt'))
assert resolved.findAll { it.group == 'org.mconnectevents' }*.artifact.sort() ==
        ['camel-mconnect-events', 'mconnect-events-client']
