// Qt Virtual Keyboard's panel for ui/chinese_input.py: Cangjie and Zhuyin (zh_TW), Pinyin
// (zh_CN) and English. It types into the widget that has the focus in the kiosk's window.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

Item {
    id: root
    width: 1000
    height: 420

    InputPanel {
        id: panel
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        // Always shown while this widget is: the kiosk decides when Chinese entry is on screen.
        active: true
        // Its height follows its width and what it shows (the candidate bar once it is active):
        // ui/chinese_input.py re-fits the view so that the whole panel stays on screen.
        onHeightChanged: root.panelResized()
    }
    signal panelResized()

    function setLocales(locales) {
        VirtualKeyboardSettings.activeLocales = locales
        VirtualKeyboardSettings.locale = locales[0]
        return VirtualKeyboardSettings.locale
    }
    // ui/chinese_input.py sizes the view so that the whole panel shows: its height follows its width.
    function panelRatio() {
        return panel.width > 0 ? panel.height / panel.width : 0
    }
    // "default", or "kiosk_high_contrast" (vkb_styles/, on the engine's import path): the
    // keyboard follows the kiosk's high-contrast palette. Returns the style now in use.
    function setStyle(name) {
        if (VirtualKeyboardSettings.styleName !== name)
            VirtualKeyboardSettings.styleName = name
        return VirtualKeyboardSettings.styleName
    }
    function mode() {
        return InputContext.inputEngine.inputMode
    }
    function hasMode(mode) {
        return InputContext.inputEngine.inputModes.indexOf(mode) >= 0
    }
    function setMode(mode) {
        InputContext.inputEngine.inputMode = mode
        return InputContext.inputEngine.inputMode
    }
    function resetInput() {
        InputContext.clear()
        return true
    }
    function press(key, text) {
        return InputContext.inputEngine.virtualKeyClick(key, text, 0)
    }
    function candidates() {
        var m = InputContext.inputEngine.wordCandidateListModel
        var out = []
        for (var i = 0; i < Math.min(m.count, 40); i++)
            out.push(m.dataAt(i, 0))
        return out.join("\t")
    }
    function pick(i) {
        InputContext.inputEngine.wordCandidateListModel.selectItem(i)
        return true
    }
    // Warm-up (ChineseInput.prime_step): the keyboard creates its input method (and reads the
    // Cangjie and Zhuyin dictionaries) only while the input context has the focus, which a widgets
    // application gives it only when a field for Chinese has the keyboard focus. The warm-up gives
    // the input context that focus for a moment, with no field behind it, and gives it back.
    // InputContext.priv is the keyboard's own (private) object: -1 when this Qt has no such
    // property, so the warm-up skips priming rather than failing.
    function contextFocus() {
        if (!InputContext.priv || InputContext.priv.focus === undefined)
            return -1
        return InputContext.priv.focus ? 1 : 0
    }
    function setContextFocus(on) {
        if (contextFocus() < 0)
            return -1
        InputContext.priv.focus = on
        return contextFocus()
    }
    // What the engine has loaded: "<input method class>|<modes>|<mode>|<preedit length>|<candidates>"
    function engineState() {
        var e = InputContext.inputEngine
        var m = e.inputMethod
        return (m ? m.toString().split("(")[0] : "") + "|" + e.inputModes.join(",") + "|" + e.inputMode
            + "|" + InputContext.preeditText.length + "|" + e.wordCandidateListModel.count
    }
    // Drop a composition and its candidates (InputContext.clear() keeps the candidate list).
    function resetEngine() {
        var m = InputContext.inputEngine.inputMethod
        if (m && typeof m.reset === "function")
            m.reset()
        InputContext.clear()
        return InputContext.inputEngine.wordCandidateListModel.count
    }
    Component.onCompleted: {
        // The candidate bar always shown: the keys do not jump down when typing starts, and the
        // panel keeps one height for its width (ui/chinese_input.py fits it by that ratio).
        VirtualKeyboardSettings.wordCandidateList.alwaysVisible = true
        setLocales(["zh_TW", "en_US"])
    }
}
