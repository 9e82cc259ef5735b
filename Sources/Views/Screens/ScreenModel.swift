import Interactive
import Recording

/// An interactive model with its view: what the terminal loop draws. The model (Interactive)
/// knows nothing of cells; the view here is a function of it, and so is its hit test.
public protocol ScreenModel: InteractiveModel {
    func render(width: Int, height: Int, box: BoxCharacters) -> Grid
    /// What is under the cell (`x`, `y`) of a screen of this size, for the pointer.
    func hitTest(x: Int, y: Int, width: Int, height: Int, box: BoxCharacters) -> PointerHit?
}

extension ScreenModel {
    /// Nothing takes the pointer, unless the model says otherwise.
    public func hitTest(x: Int, y: Int, width: Int, height: Int, box: BoxCharacters) -> PointerHit? { nil }
}

extension Session: ScreenModel {
    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        Screen.render(self, width: width, height: height, box: box)
    }

    public func hitTest(x: Int, y: Int, width: Int, height: Int, box: BoxCharacters) -> PointerHit? {
        Screen.hitTest(self, x: x, y: y, width: width, height: height, box: box)
    }
}

extension PlaybackSession: ScreenModel {
    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        var shown = session
        shown.banner = playback.marker
        return Screen.render(shown, width: width, height: height, box: box, mode: .play)
    }
}
