import Interactive
import Recording

/// An interactive model with its view: what the terminal loop draws. The model (Interactive)
/// knows nothing of cells; the view here is a function of it.
public protocol ScreenModel: InteractiveModel {
    func render(width: Int, height: Int, box: BoxCharacters) -> Grid
}

extension Session: ScreenModel {
    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        Screen.render(self, width: width, height: height, box: box)
    }
}

extension PlaybackSession: ScreenModel {
    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        var shown = session
        shown.banner = playback.marker
        return Screen.render(shown, width: width, height: height, box: box, mode: .play)
    }
}
