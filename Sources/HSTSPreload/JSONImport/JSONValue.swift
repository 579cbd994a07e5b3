/// A parsed JSON value that remembers where it started, so importers can name the exact place of a problem.
///
/// Produced by `JSONReader`; the byte offset turns into a `SourceLocation` only when a message needs it.
package struct JSONValue: Sendable {
    /// The value's contents.
    package enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    /// The contents.
    package var kind: Kind
    /// Byte offset of the value's first byte in the source.
    package var offset: Int

    /// A short name of the value's type for messages ("string", "object", …).
    package var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string, when this is one.
    package var stringValue: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    /// The boolean, when this is one.
    package var boolValue: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    /// The elements, when this is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let value) = kind { return value }
        return nil
    }

    /// The members in source order, when this is an object.
    package var objectValue: [JSONMember]? {
        if case .object(let value) = kind { return value }
        return nil
    }

    /// The first member named `key`, when this is an object.
    package subscript(key: String) -> JSONValue? {
        objectValue?.first(where: { $0.key == key })?.value
    }
}

/// One `"key": value` pair of a JSON object.
package struct JSONMember: Sendable {
    /// The key.
    package var key: String
    /// Byte offset of the key's opening quote.
    package var keyOffset: Int
    /// The value.
    package var value: JSONValue
}
