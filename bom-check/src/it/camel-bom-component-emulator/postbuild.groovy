// The emulator started (the build ran EmulatorStartsTest), and the tree it started on, the test class path with
// Jackson's YAML module, has one Jackson: the emulator declares jackson-core itself, nearer than its Vert.x core's.
def resolved = evaluate(new File(treeChecks)).call(new File(basedir, 'target/dependencies.txt'))
assert resolved.any { it.artifact == 'jackson-dataformat-yaml' }
