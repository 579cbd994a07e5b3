/// `hstsq check TARGET...` without options, built without ArgumentParser's reflection.
///
/// ArgumentParser finds a command's options by reflection: a `Mirror` over the command and each option group, and a
/// dynamic cast of every property to its protocols. In a static binary each first cast of a type scans the whole
/// table of protocol conformances (about 10,000 records), and `check`'s many option types made that most of the
/// start-up of `hstsq check example.com`. When every argument after `check` is a target there is nothing to parse:
/// every option has its default, which is set here through the property wrappers' setters, exactly what
/// ArgumentParser would decode. Anything else (an argument starting with `-`, so every option, `--` and `--help`,
/// except `-` as the only target; no target) returns `nil` and goes through ArgumentParser.
extension Check {
    /// The command ArgumentParser would make of `arguments` (those after the program name) when they are `check`
    /// and targets only, else `nil`.
    ///
    /// Every option of `Check`, `StoreOptions` and `MechanismOptions` must be set here: reading one that is not
    /// stops the program with ArgumentParser's configuration error. `CheckPlainTargetsTests` compares this path
    /// with ArgumentParser's, byte for byte.
    static func withPlainTargets(_ arguments: ArraySlice<String>) -> Check? {
        guard arguments.first == "check", arguments.count > 1 else { return nil }
        let targets = arguments.dropFirst()
        // `-` alone is a target for ArgumentParser too (standard input); beside others it is a validation error,
        // which ArgumentParser words.
        if targets.count > 1 || targets.first != "-",
            targets.contains(where: { $0.utf8.first == UInt8(ascii: "-") })
        {
            return nil
        }
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
        check.json = false
        check.explain = false
        check.semanticsOption = nil
        check.mechanismOptions = mechanisms
        check.targets = Array(targets)
        return check
    }
}
