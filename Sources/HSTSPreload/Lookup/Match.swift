/// An entry matched for a host: its name is the host's last `nameLength` bytes, its attributes the file's class
/// `classIndex`.
///
/// Both indexes (the file's block search and the in-memory hash table) answer with it, so the lookup rules do not
/// depend on which one found the entry.
package struct Match: Equatable {
    package var nameLength: Int
    package var classIndex: Int
}
