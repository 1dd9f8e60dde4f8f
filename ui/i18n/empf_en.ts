<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
  <context>
    <name>ui</name>
    <message>
      <source>sign_in_title</source>
      <comment>請先登入</comment>
      <extracomment>Please sign in</extracomment>
      <translation>Please sign in</translation>
    </message>
    <message>
      <source>sign_in_why_account</source>
      <comment>登入後，你可查看自己的積金帳戶、基金及已遞交的指示。</comment>
      <extracomment>Sign in to see your own MPF accounts, funds and the instructions you gave.</extracomment>
      <translation>Sign in to see your own MPF accounts, funds and the instructions you gave.</translation>
    </message>
    <message>
      <source>sign_in_why_type</source>
      <comment>{type}：{reason}</comment>
      <extracomment>{type}: {reason}</extracomment>
      <translation>{type}: {reason}</translation>
    </message>
    <message>
      <source>sign_in_why_employer</source>
      <comment>{type}：請僱主的獲授權人士登入，本機便可取得僱主的公司、計劃及已協定的自願性供款安排，讓你從清單中選擇，不用輸入。</comment>
      <extracomment>{type}: the employer's authorised person signs in, so the kiosk has the employer's companies, schemes and agreed voluntary contribution plans for you to pick from instead of typing.</extracomment>
      <translation>{type}: the employer's authorised person signs in, so the kiosk has the employer's companies, schemes and agreed voluntary contribution plans for you to pick from instead of typing.</translation>
    </message>
    <message>
      <source>employer_title</source>
      <comment>這份結算書是哪一位僱主的？</comment>
      <extracomment>Which employer is this statement for?</extracomment>
      <translation>Which employer is this statement for?</translation>
    </message>
    <message>
      <source>employer_loading</source>
      <comment>正在取得僱主資料…</comment>
      <extracomment>Fetching the employer's details…</extracomment>
      <translation>Fetching the employer's details…</translation>
    </message>
    <message>
      <source>employer_pick_hint</source>
      <comment>你是以下僱主的獲授權人士，請選擇一位。</comment>
      <extracomment>You act for these employers. Choose one.</extracomment>
      <translation>You act for these employers. Choose one.</translation>
    </message>
    <message>
      <source>sign_in_iamsmart</source>
      <comment>使用「智方便」</comment>
      <extracomment>Use iAM Smart</extracomment>
      <translation>Use iAM Smart</translation>
    </message>
    <message>
      <source>sign_in_iamsmart_hint</source>
      <comment>在你的手機上確認，最快捷。</comment>
      <extracomment>Confirm on your phone: the quickest way.</extracomment>
      <translation>Confirm on your phone: the quickest way.</translation>
    </message>
    <message>
      <source>sign_in_code</source>
      <comment>以短訊一次性密碼登入</comment>
      <extracomment>Get a one-time code by text message</extracomment>
      <translation>Get a one-time code by text message</translation>
    </message>
    <message>
      <source>sign_in_code_hint</source>
      <comment>我們把 6 位數字密碼傳送到你在積金易登記的手提電話。</comment>
      <extracomment>We send a 6-digit code to the mobile number registered with eMPF.</extracomment>
      <translation>We send a 6-digit code to the mobile number registered with eMPF.</translation>
    </message>
    <message>
      <source>sign_in_staff_hint</source>
      <comment>沒有「智方便」或手提電話不在身邊？請找職員協助。</comment>
      <extracomment>No iAM Smart, or no phone with you? Please ask the staff.</extracomment>
      <translation>No iAM Smart, or no phone with you? Please ask the staff.</translation>
    </message>
    <message>
      <source>sign_in_sending</source>
      <comment>正在傳送一次性密碼…</comment>
      <extracomment>Sending the one-time code…</extracomment>
      <translation>Sending the one-time code…</translation>
    </message>
    <message>
      <source>sign_in_sent</source>
      <comment>一次性密碼已傳送到手提電話 {to}。請輸入短訊中的 6 位數字。</comment>
      <extracomment>A one-time code was sent to your mobile {to}. Type the 6 digits from the text message.</extracomment>
      <translation>A one-time code was sent to your mobile {to}. Type the 6 digits from the text message.</translation>
    </message>
    <message>
      <source>sign_in_code_label</source>
      <comment>一次性密碼</comment>
      <extracomment>One-time code</extracomment>
      <translation>One-time code</translation>
    </message>
    <message>
      <source>sign_in_check</source>
      <comment>確認密碼</comment>
      <extracomment>Check the code</extracomment>
      <translation>Check the code</translation>
    </message>
    <message>
      <source>sign_in_checking</source>
      <comment>正在核對…</comment>
      <extracomment>Checking…</extracomment>
      <translation>Checking…</translation>
    </message>
    <message>
      <source>sign_in_resend</source>
      <comment>再傳送新密碼</comment>
      <extracomment>Send a new code</extracomment>
      <translation>Send a new code</translation>
    </message>
    <message>
      <source>sign_in_valid_for</source>
      <comment>密碼有效時間尚餘 {m}:{s:02d}</comment>
      <extracomment>The code is valid for {m}:{s:02d}</extracomment>
      <translation>The code is valid for {m}:{s:02d}</translation>
    </message>
    <message>
      <source>sign_in_expired</source>
      <comment>密碼已過期，請再傳送新密碼。</comment>
      <extracomment>The code has expired. Send a new code.</extracomment>
      <translation>The code has expired. Send a new code.</translation>
    </message>
    <message>
      <source>sign_in_tries_left</source>
      <comment>尚餘 {n} 次機會。</comment>
      <extracomment>{n} tries left.</extracomment>
      <translation>{n} tries left.</translation>
    </message>
    <message>
      <source>sign_in_demo_phone</source>
      <comment>示範手機收到的短訊：{text}</comment>
      <extracomment>Demo phone received: {text}</extracomment>
      <translation>Demo phone received: {text}</translation>
    </message>
    <message>
      <source>menu_sign_in</source>
      <comment>登入</comment>
      <extracomment>Sign in</extracomment>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>menu_sign_in_summary</source>
      <comment>查看你的帳戶；提款、轉移、轉換基金及更改資料須先登入。</comment>
      <extracomment>See your account. Needed to move money or change your details.</extracomment>
      <translation>See your account. Needed to move money or change your details.</translation>
    </message>
    <message>
      <source>menu_account</source>
      <comment>我的帳戶</comment>
      <extracomment>My account</extracomment>
      <translation>My account</translation>
    </message>
    <message>
      <source>menu_account_summary</source>
      <comment>你已登入：查看你的帳戶、基金、結餘及已遞交的指示。</comment>
      <extracomment>You are signed in: your account, funds, balances and instructions.</extracomment>
      <translation>You are signed in: your account, funds, balances and instructions.</translation>
    </message>
    <message>
      <source>menu_needs_sign_in</source>
      <comment>須先登入</comment>
      <extracomment>Needs a sign-in</extracomment>
      <translation>Needs a sign-in</translation>
    </message>
    <message>
      <source>review_sign_in</source>
      <comment>登入</comment>
      <extracomment>Sign in</extracomment>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>iamsmart_use</source>
      <comment>使用「智方便」登入</comment>
      <extracomment>Sign in with iAM Smart</extracomment>
      <translation>Sign in with iAM Smart</translation>
    </message>
    <message>
      <source>iamsmart_title</source>
      <comment>以「智方便」登入</comment>
      <extracomment>Sign in with iAM Smart</extracomment>
      <translation>Sign in with iAM Smart</translation>
    </message>
    <message>
      <source>iamsmart_step1</source>
      <comment>在手機開啟「智方便」應用程式。</comment>
      <extracomment>Open the iAM Smart app on your phone.</extracomment>
      <translation>Open the iAM Smart app on your phone.</translation>
    </message>
    <message>
      <source>iamsmart_step2</source>
      <comment>按「掃描」，掃描這個畫面上的二維碼。</comment>
      <extracomment>Tap Scan and scan the QR code on this screen.</extracomment>
      <translation>Tap Scan and scan the QR code on this screen.</translation>
    </message>
    <message>
      <source>iamsmart_step3</source>
      <comment>在手機上確認授權。</comment>
      <extracomment>Confirm on your phone.</extracomment>
      <translation>Confirm on your phone.</translation>
    </message>
    <message>
      <source>iamsmart_starting</source>
      <comment>正在準備二維碼…</comment>
      <extracomment>Preparing the QR code…</extracomment>
      <translation>Preparing the QR code…</translation>
    </message>
    <message>
      <source>iamsmart_waiting</source>
      <comment>等待你以手機掃描…</comment>
      <extracomment>Waiting for your phone to scan…</extracomment>
      <translation>Waiting for your phone to scan…</translation>
    </message>
    <message>
      <source>iamsmart_scanned</source>
      <comment>已掃描。請在手機上確認授權。</comment>
      <extracomment>Scanned. Please confirm on your phone.</extracomment>
      <translation>Scanned. Please confirm on your phone.</translation>
    </message>
    <message>
      <source>iamsmart_valid_for</source>
      <comment>二維碼有效時間尚餘 {m}:{s:02d}</comment>
      <extracomment>QR code valid for {m}:{s:02d}</extracomment>
      <translation>QR code valid for {m}:{s:02d}</translation>
    </message>
    <message>
      <source>iamsmart_retry</source>
      <comment>再試一次</comment>
      <extracomment>Try again</extracomment>
      <translation>Try again</translation>
    </message>
    <message>
      <source>iamsmart_no_code</source>
      <comment>此二維碼已失效</comment>
      <extracomment>This QR code is no longer valid</extracomment>
      <translation>This QR code is no longer valid</translation>
    </message>
    <message>
      <source>iamsmart_cancel</source>
      <comment>取消</comment>
      <extracomment>Cancel</extracomment>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>iamsmart_start_again</source>
      <comment>重新開始</comment>
      <extracomment>Start again</extracomment>
      <translation>Start again</translation>
    </message>
    <message>
      <source>iamsmart_demo_approve</source>
      <comment>示範：手機確認授權</comment>
      <extracomment>Demo: approve on the phone</extracomment>
      <translation>Demo: approve on the phone</translation>
    </message>
    <message>
      <source>iamsmart_demo_deny</source>
      <comment>示範：手機拒絕</comment>
      <extracomment>Demo: decline on the phone</extracomment>
      <translation>Demo: decline on the phone</translation>
    </message>
    <message>
      <source>scan_open</source>
      <comment>掃描手機上的二維碼</comment>
      <extracomment>Scan a QR code from your phone</extracomment>
      <translation>Scan a QR code from your phone</translation>
    </message>
    <message>
      <source>scan_title</source>
      <comment>請把手機上的二維碼對準鏡頭</comment>
      <extracomment>Show the QR code on your phone to the camera</extracomment>
      <translation>Show the QR code on your phone to the camera</translation>
    </message>
    <message>
      <source>scan_step1</source>
      <comment>在積金易應用程式開啟已預填的指示二維碼。</comment>
      <extracomment>Open the prepared instruction's QR code in the eMPF app.</extracomment>
      <translation>Open the prepared instruction's QR code in the eMPF app.</translation>
    </message>
    <message>
      <source>scan_step2</source>
      <comment>把手機屏幕放在框內，距離約 20 至 30 厘米。</comment>
      <extracomment>Hold the phone screen inside the frame, about 20 to 30 cm away.</extracomment>
      <translation>Hold the phone screen inside the frame, about 20 to 30 cm away.</translation>
    </message>
    <message>
      <source>scan_step3</source>
      <comment>讀取後，你可核對內容，再確認提交。</comment>
      <extracomment>Once it is read, you check the content and confirm.</extracomment>
      <translation>Once it is read, you check the content and confirm.</translation>
    </message>
    <message>
      <source>scan_scanner_hint</source>
      <comment>你亦可使用下方的掃描器。</comment>
      <extracomment>You can also use the scanner below.</extracomment>
      <translation>You can also use the scanner below.</translation>
    </message>
    <message>
      <source>scan_no_camera</source>
      <comment>鏡頭未能使用。請使用掃描器，或向職員查詢。</comment>
      <extracomment>The camera is not available. Use the scanner, or ask the staff.</extracomment>
      <translation>The camera is not available. Use the scanner, or ask the staff.</translation>
    </message>
    <message>
      <source>scan_demo_wedge</source>
      <comment>示範：手提掃描器讀取</comment>
      <extracomment>Demo: hand-held scanner reads a code</extracomment>
      <translation>Demo: hand-held scanner reads a code</translation>
    </message>
    <message>
      <source>scan_demo_serial</source>
      <comment>示範：串列掃描器讀取</comment>
      <extracomment>Demo: serial scanner reads a code</extracomment>
      <translation>Demo: serial scanner reads a code</translation>
    </message>
    <message>
      <source>scan_looking</source>
      <comment>正在尋找二維碼…</comment>
      <extracomment>Looking for a QR code…</extracomment>
      <translation>Looking for a QR code…</translation>
    </message>
    <message>
      <source>brand</source>
      <comment>積金易自助服務站</comment>
      <extracomment>eMPF self-service kiosk</extracomment>
      <translation>eMPF self-service kiosk</translation>
    </message>
    <message>
      <source>step</source>
      <comment>第 {n} 步，共 {of} 步</comment>
      <extracomment>Step {n} of {of}</extracomment>
      <translation>Step {n} of {of}</translation>
    </message>
    <message>
      <source>lang_zh</source>
      <comment>繁</comment>
      <extracomment>繁</extracomment>
      <translation>繁</translation>
    </message>
    <message>
      <source>lang_en</source>
      <comment>EN</comment>
      <extracomment>EN</extracomment>
      <translation>EN</translation>
    </message>
    <message>
      <source>lang_cn</source>
      <comment>简</comment>
      <extracomment>简</extracomment>
      <translation>简</translation>
    </message>
    <message>
      <source>back</source>
      <comment>‹ 返回</comment>
      <extracomment>‹ Back</extracomment>
      <translation>‹ Back</translation>
    </message>
    <message>
      <source>call_staff</source>
      <comment>呼叫職員</comment>
      <extracomment>Call staff</extracomment>
      <translation>Call staff</translation>
    </message>
    <message>
      <source>staff_called</source>
      <comment>已通知職員</comment>
      <extracomment>Staff called</extracomment>
      <translation>Staff called</translation>
    </message>
    <message>
      <source>staff_call_alert</source>
      <comment>職員請注意：有成員等候協助（已等 {age}）</comment>
      <extracomment>Staff: a member is waiting for help ({age})</extracomment>
      <translation>Staff: a member is waiting for help ({age})</translation>
    </message>
    <message>
      <source>waited_seconds</source>
      <comment>{n} 秒</comment>
      <extracomment>{n} s</extracomment>
      <translation>{n} s</translation>
    </message>
    <message>
      <source>waited_minutes</source>
      <comment>{n} 分鐘</comment>
      <extracomment>{n} min</extracomment>
      <translation>{n} min</translation>
    </message>
    <message>
      <source>online</source>
      <comment>在線</comment>
      <extracomment>Online</extracomment>
      <translation>Online</translation>
    </message>
    <message>
      <source>offline</source>
      <comment>離線</comment>
      <extracomment>Offline</extracomment>
      <translation>Offline</translation>
    </message>
    <message>
      <source>checking</source>
      <comment>正在檢查網絡</comment>
      <extracomment>Checking network</extracomment>
      <translation>Checking network</translation>
    </message>
    <message>
      <source>status_unknown</source>
      <comment>狀態不明</comment>
      <extracomment>Status unknown</extracomment>
      <translation>Status unknown</translation>
    </message>
    <message>
      <source>waiting_none</source>
      <comment>沒有指示等待傳送</comment>
      <extracomment>No instructions waiting</extracomment>
      <translation>No instructions waiting</translation>
    </message>
    <message>
      <source>waiting_one</source>
      <comment>1 項指示等待傳送</comment>
      <extracomment>1 instruction waiting</extracomment>
      <translation>1 instruction waiting</translation>
    </message>
    <message>
      <source>waiting_n</source>
      <comment>{n} 項指示等待傳送</comment>
      <extracomment>{n} instructions waiting</extracomment>
      <translation>{n} instructions waiting</translation>
    </message>
    <message>
      <source>demo_insert</source>
      <comment>示範：插入虛擬身份證明咭</comment>
      <extracomment>Demo: insert the virtual card</extracomment>
      <translation>Demo: insert the virtual card</translation>
    </message>
    <message>
      <source>demo_remove</source>
      <comment>示範：取出虛擬身份證明咭</comment>
      <extracomment>Demo: remove the virtual card</extracomment>
      <translation>Demo: remove the virtual card</translation>
    </message>
    <message>
      <source>attract_title_zh</source>
      <comment>積金易自助服務站</comment>
      <extracomment>積金易自助服務站</extracomment>
      <translation>積金易自助服務站</translation>
    </message>
    <message>
      <source>attract_title_en</source>
      <comment>eMPF self-service kiosk</comment>
      <extracomment>eMPF self-service kiosk</extracomment>
      <translation>eMPF self-service kiosk</translation>
    </message>
    <message>
      <source>attract_lead</source>
      <comment>在這裏更新你的強積金資料，無需排隊。</comment>
      <extracomment>Update your MPF details here, without queuing.</extracomment>
      <translation>Update your MPF details here, without queuing.</translation>
    </message>
    <message>
      <source>start</source>
      <comment>開始  Start</comment>
      <extracomment>Start  開始</extracomment>
      <translation>Start  開始</translation>
    </message>
    <message>
      <source>announcements</source>
      <comment>最新消息</comment>
      <extracomment>Announcements</extracomment>
      <translation>Announcements</translation>
    </message>
    <message>
      <source>no_announcements</source>
      <comment>暫時沒有最新消息。</comment>
      <extracomment>No announcements at the moment.</extracomment>
      <translation>No announcements at the moment.</translation>
    </message>
    <message>
      <source>identify_title</source>
      <comment>請確認你的身份</comment>
      <extracomment>Tell us who you are</extracomment>
      <translation>Tell us who you are</translation>
    </message>
    <message>
      <source>identify_iamsmart</source>
      <comment>使用「智方便」（最快捷）</comment>
      <extracomment>Use iAM Smart (quickest)</extracomment>
      <translation>Use iAM Smart (quickest)</translation>
    </message>
    <message>
      <source>identify_iamsmart_hint</source>
      <comment>在手機確認身份並登入，所有服務都可使用。</comment>
      <extracomment>Confirm on your phone: you are signed in, and every service is open to you.</extracomment>
      <translation>Confirm on your phone: you are signed in, and every service is open to you.</translation>
    </message>
    <message>
      <source>identify_hint</source>
      <comment>護照或有晶片的證件：放進讀卡器，晶片向上。香港身份證的晶片不能在此讀取，請輸入號碼。</comment>
      <extracomment>A passport or an ID card with a chip: put it in the reader, chip up. A Hong Kong identity card's chip cannot be read here: type its number.</extracomment>
      <translation>A passport or an ID card with a chip: put it in the reader, chip up. A Hong Kong identity card's chip cannot be read here: type its number.</translation>
    </message>
    <message>
      <source>identify_staff_hint</source>
      <comment>需要協助？請按上方的「呼叫職員」。</comment>
      <extracomment>Need help? Press 'Call staff' at the top.</extracomment>
      <translation>Need help? Press 'Call staff' at the top.</translation>
    </message>
    <message>
      <source>reading</source>
      <comment>正在讀取你的咭，請勿取出…</comment>
      <extracomment>Reading your card, please leave it in…</extracomment>
      <translation>Reading your card, please leave it in…</translation>
    </message>
    <message>
      <source>or_type</source>
      <comment>輸入你的香港身份證號碼</comment>
      <extracomment>Type your HKID number</extracomment>
      <translation>Type your HKID number</translation>
    </message>
    <message>
      <source>hkid_example</source>
      <comment>例如 A123456(3)</comment>
      <extracomment>for example A123456(3)</extracomment>
      <translation>for example A123456(3)</translation>
    </message>
    <message>
      <source>mrz_title</source>
      <comment>請輸入證件資料以讀取晶片</comment>
      <extracomment>Type the document's details to open its chip</extracomment>
      <translation>Type the document's details to open its chip</translation>
    </message>
    <message>
      <source>mrz_hint</source>
      <comment>資料印在證件的個人資料頁上。晶片只會在資料正確時開啟，請把證件留在讀卡器上。</comment>
      <extracomment>You find them on the document's data page. The chip opens only with the right details; leave the document on the reader.</extracomment>
      <translation>You find them on the document's data page. The chip opens only with the right details; leave the document on the reader.</translation>
    </message>
    <message>
      <source>mrz_document_number</source>
      <comment>證件號碼</comment>
      <extracomment>Document number</extracomment>
      <translation>Document number</translation>
    </message>
    <message>
      <source>mrz_date_of_birth</source>
      <comment>出生日期（年-月-日，例如 1969-08-06）</comment>
      <extracomment>Date of birth (year-month-day, e.g. 1969-08-06)</extracomment>
      <translation>Date of birth (year-month-day, e.g. 1969-08-06)</translation>
    </message>
    <message>
      <source>mrz_date_of_expiry</source>
      <comment>有效期至（年-月-日，例如 2034-06-23）</comment>
      <extracomment>Date of expiry (year-month-day, e.g. 2034-06-23)</extracomment>
      <translation>Date of expiry (year-month-day, e.g. 2034-06-23)</translation>
    </message>
    <message>
      <source>mrz_read</source>
      <comment>讀取晶片</comment>
      <extracomment>Read chip</extracomment>
      <translation>Read chip</translation>
    </message>
    <message>
      <source>mrz_reading</source>
      <comment>正在讀取晶片，請勿移開證件…</comment>
      <extracomment>Reading the chip, please leave the document in place…</extracomment>
      <translation>Reading the chip, please leave the document in place…</translation>
    </message>
    <message>
      <source>mrz_tries_left</source>
      <comment>尚餘 {n} 次機會</comment>
      <extracomment>{n} tries left</extracomment>
      <translation>{n} tries left</translation>
    </message>
    <message>
      <source>document_label</source>
      <comment>證件晶片</comment>
      <extracomment>Document chip</extracomment>
      <translation>Document chip</translation>
    </message>
    <message>
      <source>continue</source>
      <comment>繼續</comment>
      <extracomment>Continue</extracomment>
      <translation>Continue</translation>
    </message>
    <message>
      <source>key_clear</source>
      <comment>清除</comment>
      <extracomment>Clear</extracomment>
      <translation>Clear</translation>
    </message>
    <message>
      <source>key_delete</source>
      <comment>⌫ 刪除</comment>
      <extracomment>⌫ Delete</extracomment>
      <translation>⌫ Delete</translation>
    </message>
    <message>
      <source>key_space</source>
      <comment>空格</comment>
      <extracomment>Space</extracomment>
      <translation>Space</translation>
    </message>
    <message>
      <source>key_case_lower</source>
      <comment>abc</comment>
      <extracomment>abc</extracomment>
      <translation>abc</translation>
    </message>
    <message>
      <source>hw_mode_write</source>
      <comment>手寫</comment>
      <extracomment>Handwriting</extracomment>
      <translation>Handwriting</translation>
    </message>
    <message>
      <source>hw_mode_keys</source>
      <comment>倉頡／拼音鍵盤</comment>
      <extracomment>Keyboard</extracomment>
      <translation>Keyboard</translation>
    </message>
    <message>
      <source>hw_hint</source>
      <comment>用手指在這裏寫一個字，然後在右邊按那個字。</comment>
      <extracomment>Write one character here with your finger, then tap it on the right.</extracomment>
      <translation>Write one character here with your finger, then tap it on the right.</translation>
    </message>
    <message>
      <source>hw_undo</source>
      <comment>↶ 刪一筆</comment>
      <extracomment>↶ Undo stroke</extracomment>
      <translation>↶ Undo stroke</translation>
    </message>
    <message>
      <source>hw_rewrite</source>
      <comment>重寫</comment>
      <extracomment>Rewrite</extracomment>
      <translation>Rewrite</translation>
    </message>
    <message>
      <source>hw_canvas</source>
      <comment>手寫方格</comment>
      <extracomment>Writing box</extracomment>
      <translation>Writing box</translation>
    </message>
    <message>
      <source>hw_unavailable</source>
      <comment>本機暫時未能辨認手寫，請改用鍵盤。</comment>
      <extracomment>Handwriting cannot be read at this kiosk right now: please use the keyboard.</extracomment>
      <translation>Handwriting cannot be read at this kiosk right now: please use the keyboard.</translation>
    </message>
    <message>
      <source>key_case_upper</source>
      <comment>ABC</comment>
      <extracomment>ABC</extracomment>
      <translation>ABC</translation>
    </message>
    <message>
      <source>menu_title</source>
      <comment>你想辦理甚麼？</comment>
      <extracomment>What would you like to do?</extracomment>
      <translation>What would you like to do?</translation>
    </message>
    <message>
      <source>member</source>
      <comment>成員</comment>
      <extracomment>Member</extracomment>
      <translation>Member</translation>
    </message>
    <message>
      <source>hkid_label</source>
      <comment>身份證號碼</comment>
      <extracomment>HKID number</extracomment>
      <translation>HKID number</translation>
    </message>
    <message>
      <source>name_label</source>
      <comment>姓名</comment>
      <extracomment>Name</extracomment>
      <translation>Name</translation>
    </message>
    <message>
      <source>coming_soon</source>
      <comment>即將推出：{items}</comment>
      <extracomment>Coming soon: {items}</extracomment>
      <translation>Coming soon: {items}</translation>
    </message>
    <message>
      <source>list_sep</source>
      <comment>、</comment>
      <extracomment>, </extracomment>
      <translation>, </translation>
    </message>
    <message>
      <source>form_hint</source>
      <comment>只需填寫要更改的項目。輕觸欄位，再用右邊的鍵盤輸入。</comment>
      <extracomment>Fill in only what you want to change. Touch a field, then type with the keyboard on the right.</extracomment>
      <translation>Fill in only what you want to change. Touch a field, then type with the keyboard on the right.</translation>
    </message>
    <message>
      <source>form_hint_required</source>
      <comment>請填寫所有必填項目。輕觸欄位，再用右邊的鍵盤輸入。</comment>
      <extracomment>Please fill in every required item. Touch a field, then type with the keyboard on the right.</extracomment>
      <translation>Please fill in every required item. Touch a field, then type with the keyboard on the right.</translation>
    </message>
    <message>
      <source>optional</source>
      <comment>（可選填）</comment>
      <extracomment>(optional)</extracomment>
      <translation>(optional)</translation>
    </message>
    <message>
      <source>choice_none</source>
      <comment>不更改</comment>
      <extracomment>No change</extracomment>
      <translation>No change</translation>
    </message>
    <message>
      <source>next</source>
      <comment>下一步</comment>
      <extracomment>Next</extracomment>
      <translation>Next</translation>
    </message>
    <message>
      <source>unsupported_field</source>
      <comment>此項目暫時未能在本機填寫。</comment>
      <extracomment>This item cannot be filled in at this kiosk yet.</extracomment>
      <translation>This item cannot be filled in at this kiosk yet.</translation>
    </message>
    <message>
      <source>review_title</source>
      <comment>請核對你的指示</comment>
      <extracomment>Please check your instruction</extracomment>
      <translation>Please check your instruction</translation>
    </message>
    <message>
      <source>review_hint</source>
      <comment>為保障私隱，個人資料部分已隱藏。如需修改，請按「返回」。</comment>
      <extracomment>For your privacy, personal details are partly hidden. To change anything, press Back.</extracomment>
      <translation>For your privacy, personal details are partly hidden. To change anything, press Back.</translation>
    </message>
    <message>
      <source>instruction</source>
      <comment>指示</comment>
      <extracomment>Instruction</extracomment>
      <translation>Instruction</translation>
    </message>
    <message>
      <source>confirm</source>
      <comment>確認並提交</comment>
      <extracomment>Confirm and submit</extracomment>
      <translation>Confirm and submit</translation>
    </message>
    <message>
      <source>more_below</source>
      <comment>▼ 下面還有</comment>
      <extracomment>▼ More below</extracomment>
      <translation>▼ More below</translation>
    </message>
    <message>
      <source>official_terms</source>
      <comment>正式名稱：</comment>
      <extracomment>Official names: </extracomment>
      <translation>Official names: </translation>
    </message>
    <message>
      <source>fund_risk</source>
      <comment>風險級別 {risk}（1 最低，7 最高）</comment>
      <extracomment>Risk class {risk} (1 lowest, 7 highest)</extracomment>
      <translation>Risk class {risk} (1 lowest, 7 highest)</translation>
    </message>
    <message>
      <source>fund_fee</source>
      <comment>基金開支比率每年 {fee}%</comment>
      <extracomment>Fund expense ratio {fee}% a year</extracomment>
      <translation>Fund expense ratio {fee}% a year</translation>
    </message>
    <message>
      <source>fund_facts_unknown</source>
      <comment>風險級別及收費：請向店員索取基金概覽</comment>
      <extracomment>Risk class and fees: ask staff for the fund fact sheet</extracomment>
      <translation>Risk class and fees: ask staff for the fund fact sheet</translation>
    </message>
    <message>
      <source>back_to_top</source>
      <comment>▲ 回到頂部</comment>
      <extracomment>▲ Back to top</extracomment>
      <translation>▲ Back to top</translation>
    </message>
    <message>
      <source>review_read_all</source>
      <comment>請看完所有內容（按「▼ 下面還有」），才可確認。</comment>
      <extracomment>Read it all (tap “▼ More below”) before you confirm.</extracomment>
      <translation>Read it all (tap “▼ More below”) before you confirm.</translation>
    </message>
    <message>
      <source>saving</source>
      <comment>正在儲存…</comment>
      <extracomment>Saving…</extracomment>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>receipt_title</source>
      <comment>已收到你的指示</comment>
      <extracomment>Your instruction has been received</extracomment>
      <translation>Your instruction has been received</translation>
    </message>
    <message>
      <source>receipt_ref</source>
      <comment>自助服務站參考編號</comment>
      <extracomment>Kiosk reference</extracomment>
      <translation>Kiosk reference</translation>
    </message>
    <message>
      <source>receipt_keep</source>
      <comment>請拍下或記下參考編號，以便查詢。</comment>
      <extracomment>Take a photo of the reference or write it down for enquiries.</extracomment>
      <translation>Take a photo of the reference or write it down for enquiries.</translation>
    </message>
    <message>
      <source>delivery_queued</source>
      <comment>指示會在網絡可用時傳送至積金易平台。</comment>
      <extracomment>Your instruction will be sent to the eMPF platform when the network is available.</extracomment>
      <translation>Your instruction will be sent to the eMPF platform when the network is available.</translation>
    </message>
    <message>
      <source>delivery_sending</source>
      <comment>正在傳送至積金易平台…</comment>
      <extracomment>Sending to the eMPF platform…</extracomment>
      <translation>Sending to the eMPF platform…</translation>
    </message>
    <message>
      <source>delivery_accepted</source>
      <comment>已送達積金易平台。</comment>
      <extracomment>Delivered to the eMPF platform.</extracomment>
      <translation>Delivered to the eMPF platform.</translation>
    </message>
    <message>
      <source>delivery_rejected</source>
      <comment>積金易平台未能接受此指示，請向職員查詢。</comment>
      <extracomment>The eMPF platform could not accept this instruction; please ask the staff.</extracomment>
      <translation>The eMPF platform could not accept this instruction; please ask the staff.</translation>
    </message>
    <message>
      <source>receipt_qr</source>
      <comment>二維碼只包含參考編號</comment>
      <extracomment>The QR code holds only the reference</extracomment>
      <translation>The QR code holds only the reference</translation>
    </message>
    <message>
      <source>receipt_closing</source>
      <comment>此畫面將於 {n} 秒後關閉</comment>
      <extracomment>This screen closes in {n} seconds</extracomment>
      <translation>This screen closes in {n} seconds</translation>
    </message>
    <message>
      <source>done</source>
      <comment>完成</comment>
      <extracomment>Done</extracomment>
      <translation>Done</translation>
    </message>
    <message>
      <source>print_receipt</source>
      <comment>列印收據</comment>
      <extracomment>Print receipt</extracomment>
      <translation>Print receipt</translation>
    </message>
    <message>
      <source>print_again</source>
      <comment>再列印一次</comment>
      <extracomment>Print again</extracomment>
      <translation>Print again</translation>
    </message>
    <message>
      <source>printing</source>
      <comment>正在列印收據…</comment>
      <extracomment>Printing your receipt…</extracomment>
      <translation>Printing your receipt…</translation>
    </message>
    <message>
      <source>printed</source>
      <comment>收據已列印，請取回。</comment>
      <extracomment>Your receipt has been printed. Please take it.</extracomment>
      <translation>Your receipt has been printed. Please take it.</translation>
    </message>
    <message>
      <source>print_paper_out</source>
      <comment>打印機沒有紙，未能列印收據。請記下參考編號，或請職員協助。</comment>
      <extracomment>The printer is out of paper: no receipt was printed. Write the reference down, or ask the staff.</extracomment>
      <translation>The printer is out of paper: no receipt was printed. Write the reference down, or ask the staff.</translation>
    </message>
    <message>
      <source>print_offline</source>
      <comment>打印機未能連線，未能列印收據。請記下參考編號，或請職員協助。</comment>
      <extracomment>The printer is offline: no receipt was printed. Write the reference down, or ask the staff.</extracomment>
      <translation>The printer is offline: no receipt was printed. Write the reference down, or ask the staff.</translation>
    </message>
    <message>
      <source>print_failed</source>
      <comment>未能列印收據。請記下參考編號，或請職員協助。</comment>
      <extracomment>The receipt could not be printed. Write the reference down, or ask the staff.</extracomment>
      <translation>The receipt could not be printed. Write the reference down, or ask the staff.</translation>
    </message>
    <message>
      <source>idle_title</source>
      <comment>仍在使用嗎？</comment>
      <extracomment>Are you still there?</extracomment>
      <translation>Are you still there?</translation>
    </message>
    <message>
      <source>idle_body</source>
      <comment>為保障你的私隱，{n} 秒後會清除已輸入的資料並返回主畫面。</comment>
      <extracomment>To protect your privacy, what you entered will be cleared in {n} seconds.</extracomment>
      <translation>To protect your privacy, what you entered will be cleared in {n} seconds.</translation>
    </message>
    <message>
      <source>idle_more_time</source>
      <comment>我需要更多時間</comment>
      <extracomment>I need more time</extracomment>
      <translation>I need more time</translation>
    </message>
    <message>
      <source>question_n</source>
      <comment>問題 {n} / {of}</comment>
      <extracomment>Question {n} of {of}</extracomment>
      <translation>Question {n} of {of}</translation>
    </message>
    <message>
      <source>to_review</source>
      <comment>核對指示</comment>
      <extracomment>Check and review</extracomment>
      <translation>Check and review</translation>
    </message>
    <message>
      <source>i_confirm</source>
      <comment>我確認以上聲明屬實</comment>
      <extracomment>I confirm this is true</extracomment>
      <translation>I confirm this is true</translation>
    </message>
    <message>
      <source>allocation_total_ok</source>
      <comment>合計 {total}%</comment>
      <extracomment>Total {total}%</extracomment>
      <translation>Total {total}%</translation>
    </message>
    <message>
      <source>allocation_total_off</source>
      <comment>合計 {total}%：須為 100%（相差 {left}%）</comment>
      <extracomment>Total {total}%: it must be 100% ({left}% to go)</extracomment>
      <translation>Total {total}%: it must be 100% ({left}% to go)</translation>
    </message>
    <message>
      <source>switch_out_count</source>
      <comment>已選擇 {n} 個轉出基金</comment>
      <extracomment>{n} funds chosen to switch out of</extracomment>
      <translation>{n} funds chosen to switch out of</translation>
    </message>
    <message>
      <source>rows_position</source>
      <comment>成員 {n} / {of}</comment>
      <extracomment>Member {n} of {of}</extracomment>
      <translation>Member {n} of {of}</translation>
    </message>
    <message>
      <source>rows_add</source>
      <comment>＋ 新增</comment>
      <extracomment>+ Add</extracomment>
      <translation>+ Add</translation>
    </message>
    <message>
      <source>rows_remove</source>
      <comment>刪除</comment>
      <extracomment>Remove</extracomment>
      <translation>Remove</translation>
    </message>
    <message>
      <source>import_usb</source>
      <comment>從 USB 手指匯入成員</comment>
      <extracomment>Import members from a USB stick</extracomment>
      <translation>Import members from a USB stick</translation>
    </message>
    <message>
      <source>import_usb_hint</source>
      <comment>以範本格式（CSV）匯入全部成員，會取代已輸入的成員。</comment>
      <extracomment>Imports every member from a file in the template (CSV), replacing the members typed.</extracomment>
      <translation>Imports every member from a file in the template (CSV), replacing the members typed.</translation>
    </message>
    <message>
      <source>import_listing</source>
      <comment>正在尋找 USB 手指上的檔案…</comment>
      <extracomment>Looking for files on the USB stick…</extracomment>
      <translation>Looking for files on the USB stick…</translation>
    </message>
    <message>
      <source>import_choose</source>
      <comment>請選擇結算書檔案：</comment>
      <extracomment>Choose the statement file:</extracomment>
      <translation>Choose the statement file:</translation>
    </message>
    <message>
      <source>import_reading</source>
      <comment>正在讀取及檢查「{name}」…</comment>
      <extracomment>Reading and checking "{name}"…</extracomment>
      <translation>Reading and checking "{name}"…</translation>
    </message>
    <message>
      <source>import_file</source>
      <comment>{name}（{kb} KB）</comment>
      <extracomment>{name} ({kb} KB)</extracomment>
      <translation>{name} ({kb} KB)</translation>
    </message>
    <message>
      <source>import_close</source>
      <comment>關閉</comment>
      <extracomment>Close</extracomment>
      <translation>Close</translation>
    </message>
    <message>
      <source>import_cancel</source>
      <comment>取消</comment>
      <extracomment>Cancel</extracomment>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>import_again</source>
      <comment>再試一次</comment>
      <extracomment>Try again</extracomment>
      <translation>Try again</translation>
    </message>
    <message>
      <source>rows_no_difference</source>
      <comment>沒有差額</comment>
      <extracomment>No difference</extracomment>
      <translation>No difference</translation>
    </message>
    <message>
      <source>rows_computed_none</source>
      <comment>填寫有關入息後，本機會計算強制性供款。</comment>
      <extracomment>Enter the relevant income and the kiosk works out the mandatory contributions.</extracomment>
      <translation>Enter the relevant income and the kiosk works out the mandatory contributions.</translation>
    </message>
    <message>
      <source>rows_computed</source>
      <comment>按規則計算：僱主 HK${er}，僱員 HK${ee}（{basis}）</comment>
      <extracomment>By the rules: employer HK${er}, employee HK${ee} ({basis})</extracomment>
      <translation>By the rules: employer HK${er}, employee HK${ee} ({basis})</translation>
    </message>
    <message>
      <source>rows_computed_differs</source>
      <comment>與你輸入的金額不同：請更正，或在下面選擇差額的原因。</comment>
      <extracomment>This differs from what you entered: correct it, or choose the reason below.</extracomment>
      <translation>This differs from what you entered: correct it, or choose the reason below.</translation>
    </message>
    <message>
      <source>chinese_unavailable</source>
      <comment>本機暫時未能輸入中文，請以英文填寫，或留空並請職員協助。</comment>
      <extracomment>Chinese cannot be typed at this kiosk right now: type it in English, or leave it and ask the staff.</extracomment>
      <translation>Chinese cannot be typed at this kiosk right now: type it in English, or leave it and ask the staff.</translation>
    </message>
    <message>
      <source>employer_menu</source>
      <comment>僱主服務</comment>
      <extracomment>For employers</extracomment>
      <translation>For employers</translation>
    </message>
    <message>
      <source>employer_menu_summary</source>
      <comment>登記僱員、僱員離職、供款資料</comment>
      <extracomment>Enrol or terminate employees, contribution data</extracomment>
      <translation>Enrol or terminate employees, contribution data</translation>
    </message>
    <message>
      <source>employer_menu_title</source>
      <comment>僱主服務：你想辦理甚麼？</comment>
      <extracomment>For employers: what would you like to do?</extracomment>
      <translation>For employers: what would you like to do?</translation>
    </message>
    <message>
      <source>scan_open_summary</source>
      <comment>已在網上預先填寫指示</comment>
      <extracomment>An instruction you prepared online</extracomment>
      <translation>An instruction you prepared online</translation>
    </message>
    <message>
      <source>review_notes</source>
      <comment>請留意</comment>
      <extracomment>Please note</extracomment>
      <translation>Please note</translation>
    </message>
    <message>
      <source>review_change</source>
      <comment>修改</comment>
      <extracomment>Change</extracomment>
      <translation>Change</translation>
    </message>
    <message>
      <source>a11y_large_text</source>
      <comment>大字</comment>
      <extracomment>Large text</extracomment>
      <translation>Large text</translation>
    </message>
    <message>
      <source>a11y_high_contrast</source>
      <comment>高對比</comment>
      <extracomment>High contrast</extracomment>
      <translation>High contrast</translation>
    </message>
    <message>
      <source>a11y_speech</source>
      <comment>讀出指示</comment>
      <extracomment>Read aloud</extracomment>
      <translation>Read aloud</translation>
    </message>
    <message>
      <source>a11y_title</source>
      <comment>閱讀輔助</comment>
      <extracomment>Easier to read</extracomment>
      <translation>Easier to read</translation>
    </message>
    <message>
      <source>speech_again</source>
      <comment>再讀一次</comment>
      <extracomment>Read again</extracomment>
      <translation>Read again</translation>
    </message>
    <message>
      <source>speech_quieter</source>
      <comment>調低音量</comment>
      <extracomment>Quieter</extracomment>
      <translation>Quieter</translation>
    </message>
    <message>
      <source>speech_louder</source>
      <comment>調高音量</comment>
      <extracomment>Louder</extracomment>
      <translation>Louder</translation>
    </message>
    <message>
      <source>speech_volume</source>
      <comment>音量 {n} / {of}</comment>
      <extracomment>Volume {n} of {of}</extracomment>
      <translation>Volume {n} of {of}</translation>
    </message>
    <message>
      <source>speech_unavailable</source>
      <comment>本機暫時未能讀出指示。如需協助，請向店員查詢。</comment>
      <extracomment>Reading aloud is not available here. Please ask the shop staff.</extracomment>
      <translation>Reading aloud is not available here. Please ask the shop staff.</translation>
    </message>
    <message>
      <source>status_title</source>
      <comment>本機狀態</comment>
      <extracomment>This kiosk</extracomment>
      <translation>This kiosk</translation>
    </message>
    <message>
      <source>yes</source>
      <comment>是</comment>
      <extracomment>Yes</extracomment>
      <translation>Yes</translation>
    </message>
    <message>
      <source>no</source>
      <comment>否</comment>
      <extracomment>No</extracomment>
      <translation>No</translation>
    </message>
    <message>
      <source>review_member_row</source>
      <comment>成員 {n}</comment>
      <extracomment>Member {n}</extracomment>
      <translation>Member {n}</translation>
    </message>
    <message>
      <source>optional_hint</source>
      <comment>可留空。</comment>
      <extracomment>You may leave this empty.</extracomment>
      <translation>You may leave this empty.</translation>
    </message>
    <message>
      <source>reg_id_title</source>
      <comment>登記前須核實你的身份</comment>
      <extracomment>Registering needs your identity checked</extracomment>
      <translation>Registering needs your identity checked</translation>
    </message>
    <message>
      <source>reg_id_why</source>
      <comment>為防止有人冒用身份證，開立積金易帳戶須經「智方便」，或由店員親眼核對你的香港身份證。只輸入或讀取身份證號碼，不能用作登記。</comment>
      <extracomment>To stop forged identity cards being used, opening an eMPF account needs iAM Smart, or shop staff looking at your HKID card. A typed or card-read HKID number alone is not enough.</extracomment>
      <translation>To stop forged identity cards being used, opening an eMPF account needs iAM Smart, or shop staff looking at your HKID card. A typed or card-read HKID number alone is not enough.</translation>
    </message>
    <message>
      <source>reg_id_iamsmart</source>
      <comment>使用「智方便」</comment>
      <extracomment>Use iAM Smart</extracomment>
      <translation>Use iAM Smart</translation>
    </message>
    <message>
      <source>reg_id_iamsmart_hint</source>
      <comment>用手機掃描二維碼；你的姓名及出生日期會自動填上。</comment>
      <extracomment>Scan a QR code with your phone; your name and date of birth are filled in for you.</extracomment>
      <translation>Scan a QR code with your phone; your name and date of birth are filled in for you.</translation>
    </message>
    <message>
      <source>reg_id_staff</source>
      <comment>請店員協助</comment>
      <extracomment>Ask shop staff</extracomment>
      <translation>Ask shop staff</translation>
    </message>
    <message>
      <source>reg_id_staff_hint</source>
      <comment>店員會核對你的香港身份證。</comment>
      <extracomment>Staff will check your HKID card.</extracomment>
      <translation>Staff will check your HKID card.</translation>
    </message>
    <message>
      <source>reg_id_staff_wait</source>
      <comment>請向店員示意並準備好你的香港身份證。店員會在本機以職員咭或職員編號登入，親眼核對你的身份證後，你便可繼續登記。</comment>
      <extracomment>Please call a member of the shop staff and have your HKID card ready. They sign in on this kiosk with their staff card or staff number, look at your card, and then you carry on registering.</extracomment>
      <translation>Please call a member of the shop staff and have your HKID card ready. They sign in on this kiosk with their staff card or staff number, look at your card, and then you carry on registering.</translation>
    </message>
    <message>
      <source>reg_id_menu_hint</source>
      <comment>須經「智方便」或店員核對身份證</comment>
      <extracomment>Needs iAM Smart or staff checking your HKID card</extracomment>
      <translation>Needs iAM Smart or staff checking your HKID card</translation>
    </message>
  </context>
</TS>
