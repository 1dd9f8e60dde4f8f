// The kiosk's high-contrast style for Qt Virtual Keyboard (ui/chinese_input.py selects it when the
// member chose high contrast): the palette of ui/theme.py HIGH_CONTRAST — black keys with a white
// outline and white labels, yellow for what is chosen and pressed — at the default style's sizes,
// so the panel keeps the shape ui/chinese_input.py fits. Labels are text, not icons.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Styles

KeyboardStyle {
    id: hc
    readonly property color page: "#000000"
    readonly property color ink: "#FFFFFF"
    readonly property color accent: "#FFE500"
    readonly property real margin: Math.round(10 * scaleHint)
    readonly property real outline: Math.max(2, Math.round(5 * scaleHint))
    readonly property int labelPx: Math.round(52 * scaleHint)

    keyboardDesignWidth: 2560
    keyboardDesignHeight: 800
    keyboardRelativeLeftMargin: 114 / keyboardDesignWidth
    keyboardRelativeRightMargin: 114 / keyboardDesignWidth
    keyboardRelativeTopMargin: 13 / keyboardDesignHeight
    keyboardRelativeBottomMargin: 86 / keyboardDesignHeight

    keyboardBackground: Rectangle { color: hc.page }

    component HcKey: KeyPanel {
        id: panel
        property string label: control.displayText
        property bool lit: false
        Rectangle {
            anchors.fill: parent
            anchors.margins: hc.margin
            radius: 6
            color: panel.control.pressed || panel.lit ? hc.accent : hc.page
            border.color: panel.control.enabled ? hc.ink : "#BDBDBD"
            border.width: hc.outline
            Text {
                anchors.fill: parent
                anchors.margins: hc.margin
                text: panel.label
                color: panel.control.pressed || panel.lit ? hc.page : (panel.control.enabled ? hc.ink : "#BDBDBD")
                font.pixelSize: hc.labelPx
                font.bold: true
                fontSizeMode: Text.Fit
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }
    }

    keyPanel: HcKey {}
    backspaceKeyPanel: HcKey { label: "⌫" }
    languageKeyPanel: HcKey { label: "中/EN" }
    enterKeyPanel: HcKey { label: control.displayText !== "" ? control.displayText : "⏎" }
    hideKeyPanel: HcKey { label: "▼" }
    shiftKeyPanel: HcKey { label: "⇧"; lit: InputContext.capsLockActive || InputContext.shiftActive }
    spaceKeyPanel: HcKey { label: "␣" }
    symbolKeyPanel: HcKey {}
    modeKeyPanel: HcKey { lit: control.mode }
    handwritingKeyPanel: HcKey { label: "✎" }

    characterPreviewMargin: 0
    characterPreviewDelegate: Item {
        property string text
        Rectangle {
            anchors.fill: parent
            color: hc.accent
            border.color: hc.ink
            border.width: hc.outline
            Text {
                anchors.centerIn: parent
                text: parent.parent.text
                color: hc.page
                font.pixelSize: Math.round(82 * hc.scaleHint)
                font.bold: true
            }
        }
    }

    alternateKeysListItemWidth: 120 * scaleHint
    alternateKeysListItemHeight: 170 * scaleHint
    alternateKeysListDelegate: Item {
        id: alternate
        width: hc.alternateKeysListItemWidth
        height: hc.alternateKeysListItemHeight
        Text {
            anchors.centerIn: parent
            text: model.text
            color: alternate.ListView.isCurrentItem ? hc.page : hc.ink
            font.pixelSize: hc.labelPx
            font.bold: true
        }
    }
    alternateKeysListHighlight: Rectangle { color: hc.accent }
    alternateKeysListBackground: Rectangle { color: hc.page; border.color: hc.ink; border.width: hc.outline }

    selectionListHeight: 85 * scaleHint
    selectionListDelegate: SelectionListItem {
        id: candidate
        width: Math.round(label.implicitWidth + 2 * 50 * hc.scaleHint)
        Text {
            id: label
            anchors.centerIn: parent
            text: display
            color: candidate.ListView.isCurrentItem ? hc.page : hc.ink
            font.pixelSize: Math.round(44 * hc.scaleHint)
            font.bold: true
        }
    }
    selectionListHighlight: Rectangle { color: hc.accent }
    selectionListBackground: Rectangle { color: hc.page; border.color: hc.ink; border.width: Math.max(1, hc.outline / 2) }

    navigationHighlight: Rectangle { color: "transparent"; border.color: hc.accent; border.width: hc.outline }

    popupListDelegate: SelectionListItem {
        id: popupItem
        width: 200 * hc.scaleHint
        height: hc.labelPx * 1.6
        Text {
            anchors.centerIn: parent
            text: display
            color: popupItem.ListView.isCurrentItem ? hc.page : hc.ink
            font.pixelSize: hc.labelPx
        }
    }
    popupListHighlight: Rectangle { color: hc.accent }
    popupListBackground: Rectangle { color: hc.page; border.color: hc.ink; border.width: hc.outline }

    languageListDelegate: SelectionListItem {
        id: languageItem
        width: 400 * hc.scaleHint
        height: hc.labelPx * 1.6
        Text {
            anchors.centerIn: parent
            text: displayName
            color: languageItem.ListView.isCurrentItem ? hc.page : hc.ink
            font.pixelSize: hc.labelPx
        }
    }
    languageListHighlight: Rectangle { color: hc.accent }
    languageListBackground: Rectangle { color: hc.page; border.color: hc.ink; border.width: hc.outline }
}
