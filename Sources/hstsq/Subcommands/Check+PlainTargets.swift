/// `hstsq check [--json] TARGET...`, built without ArgumentParser's reflection.
///
/// ArgumentParser finds a command's options by reflection: a `Mirror` over the command and each option group, and a
/// dynamic cast of every property to its protocols. In a static binary each first cast of a type scans the whole
/// table of protocol conformances (about 10,000 records), and `check`'s many option types made that most of the
/// start-up of `hstsq check example.com`. When every argument after `check` is a target, but for one `--json`, there
/// is next to nothing to parse: every other option has its default, which is set here through the property wrappers'
/// setters, exactly what ArgumentParser would decode. Anything else (any other argument starting with `-`, so every
/// other option, `--` and `--help`, except `-` as the only target; no target) returns `nil` and goes through
/// ArgumentParser.
extension Check {
    /// The command ArgumentParser would make of `arguments` (those after the program name) when they are `check`,
    /// targets and at most one `--json`, else `nil`.
    ///
    /// Every option of `Check`, `StoreOptions` and `MechanismOptions` must be set here: reading one that is not
    /// stops the program with ArgumentParser's configuration error. `CheckPlainTargetsTests` compares this path
    /// with ArgumentParser's, byte for byte.
    static func withPlainTargets(_ arguments: ArraySlice<String>) -> Check? {
        guard arguments.first == "check" else { return nil }
        var json = false
        var targets: [String] = []
        for argument in arguments.dropFirst() {
            if argument == "--json" && !json {
                json = true
            } else if argument.utf8.first == UInt8(ascii: "-") && argument != "-" {
                return nil
            } else {
                targets.append(argument)
            }
        }
        // `-` alone is a target for ArgumentParser too (standard input); beside others it is a validation error,
        // which ArgumentParser words.
        if targets.isEmpty || (targets.count > 1 && targets.contains("-")) { return nil }
        var store = StoreOptions()
        store.store = nil
        var mechanisms = MechanismOptions()
        mechanisms.browser = .chromium
        mechanisms.asOf = nil
        mechanisms.browserBuild = nil
        mechanisms.sts = []
        mechanisms.evidence = []
        mechanisms.httpsRecords = []
        mechanisms.method = nil
        var check = Check()
        check.storeOptions = store
        check.list = nil
        check.json = json
        check.explain = false
        check.semanticsOption = nil
        check.mechanismOptions = mechanisms
        check.targets = targets
        return check
    }
}
