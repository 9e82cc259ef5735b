extension StringProtocol {
    /// The text with every control character (escape sequences, carriage returns, the C1 controls)
    /// shown as `?`: what comes from a file or a command line is printed with this, so no input can
    /// move the cursor, change the window title or otherwise act on the terminal.
    public var printable: String {
        String(
            String.UnicodeScalarView(
                unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control && scalar != "\t" ? "?" : scalar
                }))
    }
}
