// Shared by the user projects' postbuild.groovy (treeChecks is its path). Evaluates to a closure that reads the list
// dependency:list wrote (target/dependencies.txt, test scope, so the test class path too), fails unless every family
// of libraries that must move together resolved at one version, and returns the resolved artifacts for the project's
// own checks (a postbuild.groovy must not end with that value: invoker fails a script that returns anything but null
// or true).
//
// A family must be present, so that a check never passes on a tree that lacks it:
// - Jackson: every com.fasterxml.jackson.* artifact at one version, but jackson-annotations, which Jackson itself
//   versions as major.minor from 2.20 on (2.20 beside jackson-core 2.20.1), may have that short version;
// - Vert.x, Netty and the CloudEvents SDK: every artifact of the group at one version.

{ File list ->
    assert list.isFile() : "${list} was not written: dependency:list did not run"
    // lines look like "   com.fasterxml.jackson.core:jackson-core:jar:2.19.4:compile -- module com.fasterxml.jackson.core"
    def resolved = list.readLines()
            .collect { it.trim().split(' ')[0] }
            .findAll { it.count(':') >= 4 }
            .collect { String line ->
                String[] parts = line.split(':')
                [group: parts[0], artifact: parts[1], version: parts[-2]]
            }

    def family = { String name, Closure<Boolean> member ->
        def artifacts = resolved.findAll(member)
        assert !artifacts.isEmpty() : "no ${name} artifact resolved at all in ${list}"
        artifacts
    }
    def describe = { artifacts -> artifacts.collect { "${it.artifact} ${it.version}" }.sort().join(', ') }

    def jackson = family('Jackson') { it.group.startsWith('com.fasterxml.jackson') }
    def modules = jackson.findAll { it.artifact != 'jackson-annotations' }
    def versions = modules*.version.unique()
    assert versions.size() == 1 : "Jackson resolved at ${versions.size()} versions: ${describe(jackson)}"
    String jacksonVersion = versions[0]
    String majorMinor = jacksonVersion.tokenize('.').take(2).join('.')
    jackson.findAll { it.artifact == 'jackson-annotations' }.each {
        assert it.version in [jacksonVersion, majorMinor] :
                "jackson-annotations ${it.version} does not go with Jackson ${jacksonVersion}: ${describe(jackson)}"
    }

    ['Vert.x': 'io.vertx', 'Netty': 'io.netty', 'CloudEvents SDK': 'io.cloudevents'].each { name, group ->
        def artifacts = family(name) { it.group == group }
        assert artifacts*.version.unique().size() == 1 :
                "${name} resolved at several versions: ${describe(artifacts)}"
    }
    resolved
}
