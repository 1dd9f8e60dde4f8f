<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
  <context>
    <name>ui</name>
    <message>
      <source>sign_in_title</source>
      <comment>Please sign in</comment>
      <extracomment>請先登入</extracomment>
      <translation>請先登入</translation>
    </message>
    <message>
      <source>sign_in_why_account</source>
      <comment>Sign in to see your own MPF accounts, funds and the instructions you gave.</comment>
      <extracomment>登入後，你可查看自己的積金帳戶、基金及已遞交的指示。</extracomment>
      <translation>登入後，你可查看自己的積金帳戶、基金及已遞交的指示。</translation>
    </message>
    <message>
      <source>sign_in_why_type</source>
      <comment>{type}: {reason}</comment>
      <extracomment>{type}：{reason}</extracomment>
      <translation>{type}：{reason}</translation>
    </message>
    <message>
      <source>sign_in_why_employer</source>
      <comment>{type}: the employer's authorised person signs in, so the kiosk has the employer's companies, schemes and agreed voluntary contribution plans for you to pick from instead of typing.</comment>
      <extracomment>{type}：請僱主的獲授權人士登入，本機便可取得僱主的公司、計劃及已協定的自願性供款安排，讓你從清單中選擇，不用輸入。</extracomment>
      <translation>{type}：請僱主的獲授權人士登入，本機便可取得僱主的公司、計劃及已協定的自願性供款安排，讓你從清單中選擇，不用輸入。</translation>
    </message>
    <message>
      <source>employer_title</source>
      <comment>Which employer is this statement for?</comment>
      <extracomment>這份結算書是哪一位僱主的？</extracomment>
      <translation>這份結算書是哪一位僱主的？</translation>
    </message>
    <message>
      <source>employer_loading</source>
      <comment>Fetching the employer's details…</comment>
      <extracomment>正在取得僱主資料…</extracomment>
      <translation>正在取得僱主資料…</translation>
    </message>
    <message>
      <source>employer_pick_hint</source>
      <comment>You act for these employers. Choose one.</comment>
      <extracomment>你是以下僱主的獲授權人士，請選擇一位。</extracomment>
      <translation>你是以下僱主的獲授權人士，請選擇一位。</translation>
    </message>
    <message>
      <source>sign_in_iamsmart</source>
      <comment>Use iAM Smart</comment>
      <extracomment>使用「智方便」</extracomment>
      <translation>使用「智方便」</translation>
    </message>
    <message>
      <source>sign_in_iamsmart_hint</source>
      <comment>Confirm on your phone: the quickest way.</comment>
      <extracomment>在你的手機上確認，最快捷。</extracomment>
      <translation>在你的手機上確認，最快捷。</translation>
    </message>
    <message>
      <source>sign_in_code</source>
      <comment>Get a one-time code by text message</comment>
      <extracomment>以短訊一次性密碼登入</extracomment>
      <translation>以短訊一次性密碼登入</translation>
    </message>
    <message>
      <source>sign_in_code_hint</source>
      <comment>We send a 6-digit code to the mobile number registered with eMPF.</comment>
      <extracomment>我們把 6 位數字密碼傳送到你在積金易登記的手提電話。</extracomment>
      <translation>我們把 6 位數字密碼傳送到你在積金易登記的手提電話。</translation>
    </message>
    <message>
      <source>sign_in_staff_hint</source>
      <comment>No iAM Smart, or no phone with you? Please ask the staff.</comment>
      <extracomment>沒有「智方便」或手提電話不在身邊？請找職員協助。</extracomment>
      <translation>沒有「智方便」或手提電話不在身邊？請找職員協助。</translation>
    </message>
    <message>
      <source>sign_in_sending</source>
      <comment>Sending the one-time code…</comment>
      <extracomment>正在傳送一次性密碼…</extracomment>
      <translation>正在傳送一次性密碼…</translation>
    </message>
    <message>
      <source>sign_in_sent</source>
      <comment>A one-time code was sent to your mobile {to}. Type the 6 digits from the text message.</comment>
      <extracomment>一次性密碼已傳送到手提電話 {to}。請輸入短訊中的 6 位數字。</extracomment>
      <translation>一次性密碼已傳送到手提電話 {to}。請輸入短訊中的 6 位數字。</translation>
    </message>
    <message>
      <source>sign_in_code_label</source>
      <comment>One-time code</comment>
      <extracomment>一次性密碼</extracomment>
      <translation>一次性密碼</translation>
    </message>
    <message>
      <source>sign_in_check</source>
      <comment>Check the code</comment>
      <extracomment>確認密碼</extracomment>
      <translation>確認密碼</translation>
    </message>
    <message>
      <source>sign_in_checking</source>
      <comment>Checking…</comment>
      <extracomment>正在核對…</extracomment>
      <translation>正在核對…</translation>
    </message>
    <message>
      <source>sign_in_resend</source>
      <comment>Send a new code</comment>
      <extracomment>再傳送新密碼</extracomment>
      <translation>再傳送新密碼</translation>
    </message>
    <message>
      <source>sign_in_valid_for</source>
      <comment>The code is valid for {m}:{s:02d}</comment>
      <extracomment>密碼有效時間尚餘 {m}:{s:02d}</extracomment>
      <translation>密碼有效時間尚餘 {m}:{s:02d}</translation>
    </message>
    <message>
      <source>sign_in_expired</source>
      <comment>The code has expired. Send a new code.</comment>
      <extracomment>密碼已過期，請再傳送新密碼。</extracomment>
      <translation>密碼已過期，請再傳送新密碼。</translation>
    </message>
    <message>
      <source>sign_in_tries_left</source>
      <comment>{n} tries left.</comment>
      <extracomment>尚餘 {n} 次機會。</extracomment>
      <translation>尚餘 {n} 次機會。</translation>
    </message>
    <message>
      <source>sign_in_demo_phone</source>
      <comment>Demo phone received: {text}</comment>
      <extracomment>示範手機收到的短訊：{text}</extracomment>
      <translation>示範手機收到的短訊：{text}</translation>
    </message>
    <message>
      <source>menu_sign_in</source>
      <comment>Sign in</comment>
      <extracomment>登入</extracomment>
      <translation>登入</translation>
    </message>
    <message>
      <source>menu_sign_in_summary</source>
      <comment>See your account. Needed to move money or change your details.</comment>
      <extracomment>查看你的帳戶；提款、轉移、轉換基金及更改資料須先登入。</extracomment>
      <translation>查看你的帳戶；提款、轉移、轉換基金及更改資料須先登入。</translation>
    </message>
    <message>
      <source>menu_account</source>
      <comment>My account</comment>
      <extracomment>我的帳戶</extracomment>
      <translation>我的帳戶</translation>
    </message>
    <message>
      <source>menu_account_summary</source>
      <comment>You are signed in: your account, funds, balances and instructions.</comment>
      <extracomment>你已登入：查看你的帳戶、基金、結餘及已遞交的指示。</extracomment>
      <translation>你已登入：查看你的帳戶、基金、結餘及已遞交的指示。</translation>
    </message>
    <message>
      <source>menu_needs_sign_in</source>
      <comment>Needs a sign-in</comment>
      <extracomment>須先登入</extracomment>
      <translation>須先登入</translation>
    </message>
    <message>
      <source>review_sign_in</source>
      <comment>Sign in</comment>
      <extracomment>登入</extracomment>
      <translation>登入</translation>
    </message>
    <message>
      <source>iamsmart_use</source>
      <comment>Sign in with iAM Smart</comment>
      <extracomment>使用「智方便」登入</extracomment>
      <translation>使用「智方便」登入</translation>
    </message>
    <message>
      <source>iamsmart_title</source>
      <comment>Sign in with iAM Smart</comment>
      <extracomment>以「智方便」登入</extracomment>
      <translation>以「智方便」登入</translation>
    </message>
    <message>
      <source>iamsmart_step1</source>
      <comment>Open the iAM Smart app on your phone.</comment>
      <extracomment>在手機開啟「智方便」應用程式。</extracomment>
      <translation>在手機開啟「智方便」應用程式。</translation>
    </message>
    <message>
      <source>iamsmart_step2</source>
      <comment>Tap Scan and scan the QR code on this screen.</comment>
      <extracomment>按「掃描」，掃描這個畫面上的二維碼。</extracomment>
      <translation>按「掃描」，掃描這個畫面上的二維碼。</translation>
    </message>
    <message>
      <source>iamsmart_step3</source>
      <comment>Confirm on your phone.</comment>
      <extracomment>在手機上確認授權。</extracomment>
      <translation>在手機上確認授權。</translation>
    </message>
    <message>
      <source>iamsmart_starting</source>
      <comment>Preparing the QR code…</comment>
      <extracomment>正在準備二維碼…</extracomment>
      <translation>正在準備二維碼…</translation>
    </message>
    <message>
      <source>iamsmart_waiting</source>
      <comment>Waiting for your phone to scan…</comment>
      <extracomment>等待你以手機掃描…</extracomment>
      <translation>等待你以手機掃描…</translation>
    </message>
    <message>
      <source>iamsmart_scanned</source>
      <comment>Scanned. Please confirm on your phone.</comment>
      <extracomment>已掃描。請在手機上確認授權。</extracomment>
      <translation>已掃描。請在手機上確認授權。</translation>
    </message>
    <message>
      <source>iamsmart_valid_for</source>
      <comment>QR code valid for {m}:{s:02d}</comment>
      <extracomment>二維碼有效時間尚餘 {m}:{s:02d}</extracomment>
      <translation>二維碼有效時間尚餘 {m}:{s:02d}</translation>
    </message>
    <message>
      <source>iamsmart_retry</source>
      <comment>Try again</comment>
      <extracomment>再試一次</extracomment>
      <translation>再試一次</translation>
    </message>
    <message>
      <source>iamsmart_no_code</source>
      <comment>This QR code is no longer valid</comment>
      <extracomment>此二維碼已失效</extracomment>
      <translation>此二維碼已失效</translation>
    </message>
    <message>
      <source>iamsmart_cancel</source>
      <comment>Cancel</comment>
      <extracomment>取消</extracomment>
      <translation>取消</translation>
    </message>
    <message>
      <source>iamsmart_start_again</source>
      <comment>Start again</comment>
      <extracomment>重新開始</extracomment>
      <translation>重新開始</translation>
    </message>
    <message>
      <source>iamsmart_demo_approve</source>
      <comment>Demo: approve on the phone</comment>
      <extracomment>示範：手機確認授權</extracomment>
      <translation>示範：手機確認授權</translation>
    </message>
    <message>
      <source>iamsmart_demo_deny</source>
      <comment>Demo: decline on the phone</comment>
      <extracomment>示範：手機拒絕</extracomment>
      <translation>示範：手機拒絕</translation>
    </message>
    <message>
      <source>scan_open</source>
      <comment>Scan a QR code from your phone</comment>
      <extracomment>掃描手機上的二維碼</extracomment>
      <translation>掃描手機上的二維碼</translation>
    </message>
    <message>
      <source>scan_title</source>
      <comment>Show the QR code on your phone to the camera</comment>
      <extracomment>請把手機上的二維碼對準鏡頭</extracomment>
      <translation>請把手機上的二維碼對準鏡頭</translation>
    </message>
    <message>
      <source>scan_step1</source>
      <comment>Open the prepared instruction's QR code in the eMPF app.</comment>
      <extracomment>在積金易應用程式開啟已預填的指示二維碼。</extracomment>
      <translation>在積金易應用程式開啟已預填的指示二維碼。</translation>
    </message>
    <message>
      <source>scan_step2</source>
      <comment>Hold the phone screen inside the frame, about 20 to 30 cm away.</comment>
      <extracomment>把手機屏幕放在框內，距離約 20 至 30 厘米。</extracomment>
      <translation>把手機屏幕放在框內，距離約 20 至 30 厘米。</translation>
    </message>
    <message>
      <source>scan_step3</source>
      <comment>Once it is read, you check the content and confirm.</comment>
      <extracomment>讀取後，你可核對內容，再確認提交。</extracomment>
      <translation>讀取後，你可核對內容，再確認提交。</translation>
    </message>
    <message>
      <source>scan_scanner_hint</source>
      <comment>You can also use the scanner below.</comment>
      <extracomment>你亦可使用下方的掃描器。</extracomment>
      <translation>你亦可使用下方的掃描器。</translation>
    </message>
    <message>
      <source>scan_no_camera</source>
      <comment>The camera is not available. Use the scanner, or ask the staff.</comment>
      <extracomment>鏡頭未能使用。請使用掃描器，或向職員查詢。</extracomment>
      <translation>鏡頭未能使用。請使用掃描器，或向職員查詢。</translation>
    </message>
    <message>
      <source>scan_demo_wedge</source>
      <comment>Demo: hand-held scanner reads a code</comment>
      <extracomment>示範：手提掃描器讀取</extracomment>
      <translation>示範：手提掃描器讀取</translation>
    </message>
    <message>
      <source>scan_demo_serial</source>
      <comment>Demo: serial scanner reads a code</comment>
      <extracomment>示範：串列掃描器讀取</extracomment>
      <translation>示範：串列掃描器讀取</translation>
    </message>
    <message>
      <source>scan_looking</source>
      <comment>Looking for a QR code…</comment>
      <extracomment>正在尋找二維碼…</extracomment>
      <translation>正在尋找二維碼…</translation>
    </message>
    <message>
      <source>brand</source>
      <comment>eMPF self-service kiosk</comment>
      <extracomment>積金易自助服務站</extracomment>
      <translation>積金易自助服務站</translation>
    </message>
    <message>
      <source>step</source>
      <comment>Step {n} of {of}</comment>
      <extracomment>第 {n} 步，共 {of} 步</extracomment>
      <translation>第 {n} 步，共 {of} 步</translation>
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
      <comment>‹ Back</comment>
      <extracomment>‹ 返回</extracomment>
      <translation>‹ 返回</translation>
    </message>
    <message>
      <source>call_staff</source>
      <comment>Call staff</comment>
      <extracomment>呼叫職員</extracomment>
      <translation>呼叫職員</translation>
    </message>
    <message>
      <source>staff_called</source>
      <comment>Staff called</comment>
      <extracomment>已通知職員</extracomment>
      <translation>已通知職員</translation>
    </message>
    <message>
      <source>staff_call_alert</source>
      <comment>Staff: a member is waiting for help ({age})</comment>
      <extracomment>職員請注意：有成員等候協助（已等 {age}）</extracomment>
      <translation>職員請注意：有成員等候協助（已等 {age}）</translation>
    </message>
    <message>
      <source>waited_seconds</source>
      <comment>{n} s</comment>
      <extracomment>{n} 秒</extracomment>
      <translation>{n} 秒</translation>
    </message>
    <message>
      <source>waited_minutes</source>
      <comment>{n} min</comment>
      <extracomment>{n} 分鐘</extracomment>
      <translation>{n} 分鐘</translation>
    </message>
    <message>
      <source>online</source>
      <comment>Online</comment>
      <extracomment>在線</extracomment>
      <translation>在線</translation>
    </message>
    <message>
      <source>offline</source>
      <comment>Offline</comment>
      <extracomment>離線</extracomment>
      <translation>離線</translation>
    </message>
    <message>
      <source>checking</source>
      <comment>Checking network</comment>
      <extracomment>正在檢查網絡</extracomment>
      <translation>正在檢查網絡</translation>
    </message>
    <message>
      <source>status_unknown</source>
      <comment>Status unknown</comment>
      <extracomment>狀態不明</extracomment>
      <translation>狀態不明</translation>
    </message>
    <message>
      <source>waiting_none</source>
      <comment>No instructions waiting</comment>
      <extracomment>沒有指示等待傳送</extracomment>
      <translation>沒有指示等待傳送</translation>
    </message>
    <message>
      <source>waiting_one</source>
      <comment>1 instruction waiting</comment>
      <extracomment>1 項指示等待傳送</extracomment>
      <translation>1 項指示等待傳送</translation>
    </message>
    <message>
      <source>waiting_n</source>
      <comment>{n} instructions waiting</comment>
      <extracomment>{n} 項指示等待傳送</extracomment>
      <translation>{n} 項指示等待傳送</translation>
    </message>
    <message>
      <source>demo_insert</source>
      <comment>Demo: insert the virtual card</comment>
      <extracomment>示範：插入虛擬身份證明咭</extracomment>
      <translation>示範：插入虛擬身份證明咭</translation>
    </message>
    <message>
      <source>demo_remove</source>
      <comment>Demo: remove the virtual card</comment>
      <extracomment>示範：取出虛擬身份證明咭</extracomment>
      <translation>示範：取出虛擬身份證明咭</translation>
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
      <comment>Update your MPF details here, without queuing.</comment>
      <extracomment>在這裏更新你的強積金資料，無需排隊。</extracomment>
      <translation>在這裏更新你的強積金資料，無需排隊。</translation>
    </message>
    <message>
      <source>start</source>
      <comment>Start  開始</comment>
      <extracomment>開始  Start</extracomment>
      <translation>開始  Start</translation>
    </message>
    <message>
      <source>announcements</source>
      <comment>Announcements</comment>
      <extracomment>最新消息</extracomment>
      <translation>最新消息</translation>
    </message>
    <message>
      <source>no_announcements</source>
      <comment>No announcements at the moment.</comment>
      <extracomment>暫時沒有最新消息。</extracomment>
      <translation>暫時沒有最新消息。</translation>
    </message>
    <message>
      <source>identify_title</source>
      <comment>Tell us who you are</comment>
      <extracomment>請確認你的身份</extracomment>
      <translation>請確認你的身份</translation>
    </message>
    <message>
      <source>identify_iamsmart</source>
      <comment>Use iAM Smart (quickest)</comment>
      <extracomment>使用「智方便」（最快捷）</extracomment>
      <translation>使用「智方便」（最快捷）</translation>
    </message>
    <message>
      <source>identify_iamsmart_hint</source>
      <comment>Confirm on your phone: you are signed in, and every service is open to you.</comment>
      <extracomment>在手機確認身份並登入，所有服務都可使用。</extracomment>
      <translation>在手機確認身份並登入，所有服務都可使用。</translation>
    </message>
    <message>
      <source>identify_hint</source>
      <comment>A passport or an ID card with a chip: put it in the reader, chip up. A Hong Kong identity card's chip cannot be read here: type its number.</comment>
      <extracomment>護照或有晶片的證件：放進讀卡器，晶片向上。香港身份證的晶片不能在此讀取，請輸入號碼。</extracomment>
      <translation>護照或有晶片的證件：放進讀卡器，晶片向上。香港身份證的晶片不能在此讀取，請輸入號碼。</translation>
    </message>
    <message>
      <source>identify_staff_hint</source>
      <comment>Need help? Press 'Call staff' at the top.</comment>
      <extracomment>需要協助？請按上方的「呼叫職員」。</extracomment>
      <translation>需要協助？請按上方的「呼叫職員」。</translation>
    </message>
    <message>
      <source>reading</source>
      <comment>Reading your card, please leave it in…</comment>
      <extracomment>正在讀取你的咭，請勿取出…</extracomment>
      <translation>正在讀取你的咭，請勿取出…</translation>
    </message>
    <message>
      <source>or_type</source>
      <comment>Type your HKID number</comment>
      <extracomment>輸入你的香港身份證號碼</extracomment>
      <translation>輸入你的香港身份證號碼</translation>
    </message>
    <message>
      <source>hkid_example</source>
      <comment>for example A123456(3)</comment>
      <extracomment>例如 A123456(3)</extracomment>
      <translation>例如 A123456(3)</translation>
    </message>
    <message>
      <source>mrz_title</source>
      <comment>Type the document's details to open its chip</comment>
      <extracomment>請輸入證件資料以讀取晶片</extracomment>
      <translation>請輸入證件資料以讀取晶片</translation>
    </message>
    <message>
      <source>mrz_hint</source>
      <comment>You find them on the document's data page. The chip opens only with the right details; leave the document on the reader.</comment>
      <extracomment>資料印在證件的個人資料頁上。晶片只會在資料正確時開啟，請把證件留在讀卡器上。</extracomment>
      <translation>資料印在證件的個人資料頁上。晶片只會在資料正確時開啟，請把證件留在讀卡器上。</translation>
    </message>
    <message>
      <source>mrz_document_number</source>
      <comment>Document number</comment>
      <extracomment>證件號碼</extracomment>
      <translation>證件號碼</translation>
    </message>
    <message>
      <source>mrz_date_of_birth</source>
      <comment>Date of birth (year-month-day, e.g. 1969-08-06)</comment>
      <extracomment>出生日期（年-月-日，例如 1969-08-06）</extracomment>
      <translation>出生日期（年-月-日，例如 1969-08-06）</translation>
    </message>
    <message>
      <source>mrz_date_of_expiry</source>
      <comment>Date of expiry (year-month-day, e.g. 2034-06-23)</comment>
      <extracomment>有效期至（年-月-日，例如 2034-06-23）</extracomment>
      <translation>有效期至（年-月-日，例如 2034-06-23）</translation>
    </message>
    <message>
      <source>mrz_read</source>
      <comment>Read chip</comment>
      <extracomment>讀取晶片</extracomment>
      <translation>讀取晶片</translation>
    </message>
    <message>
      <source>mrz_reading</source>
      <comment>Reading the chip, please leave the document in place…</comment>
      <extracomment>正在讀取晶片，請勿移開證件…</extracomment>
      <translation>正在讀取晶片，請勿移開證件…</translation>
    </message>
    <message>
      <source>mrz_tries_left</source>
      <comment>{n} tries left</comment>
      <extracomment>尚餘 {n} 次機會</extracomment>
      <translation>尚餘 {n} 次機會</translation>
    </message>
    <message>
      <source>document_label</source>
      <comment>Document chip</comment>
      <extracomment>證件晶片</extracomment>
      <translation>證件晶片</translation>
    </message>
    <message>
      <source>continue</source>
      <comment>Continue</comment>
      <extracomment>繼續</extracomment>
      <translation>繼續</translation>
    </message>
    <message>
      <source>key_clear</source>
      <comment>Clear</comment>
      <extracomment>清除</extracomment>
      <translation>清除</translation>
    </message>
    <message>
      <source>key_delete</source>
      <comment>⌫ Delete</comment>
      <extracomment>⌫ 刪除</extracomment>
      <translation>⌫ 刪除</translation>
    </message>
    <message>
      <source>key_space</source>
      <comment>Space</comment>
      <extracomment>空格</extracomment>
      <translation>空格</translation>
    </message>
    <message>
      <source>key_case_lower</source>
      <comment>abc</comment>
      <extracomment>abc</extracomment>
      <translation>abc</translation>
    </message>
    <message>
      <source>hw_mode_write</source>
      <comment>Handwriting</comment>
      <extracomment>手寫</extracomment>
      <translation>手寫</translation>
    </message>
    <message>
      <source>hw_mode_keys</source>
      <comment>Keyboard</comment>
      <extracomment>倉頡／拼音鍵盤</extracomment>
      <translation>倉頡／拼音鍵盤</translation>
    </message>
    <message>
      <source>hw_hint</source>
      <comment>Write one character here with your finger, then tap it on the right.</comment>
      <extracomment>用手指在這裏寫一個字，然後在右邊按那個字。</extracomment>
      <translation>用手指在這裏寫一個字，然後在右邊按那個字。</translation>
    </message>
    <message>
      <source>hw_undo</source>
      <comment>↶ Undo stroke</comment>
      <extracomment>↶ 刪一筆</extracomment>
      <translation>↶ 刪一筆</translation>
    </message>
    <message>
      <source>hw_rewrite</source>
      <comment>Rewrite</comment>
      <extracomment>重寫</extracomment>
      <translation>重寫</translation>
    </message>
    <message>
      <source>hw_canvas</source>
      <comment>Writing box</comment>
      <extracomment>手寫方格</extracomment>
      <translation>手寫方格</translation>
    </message>
    <message>
      <source>hw_unavailable</source>
      <comment>Handwriting cannot be read at this kiosk right now: please use the keyboard.</comment>
      <extracomment>本機暫時未能辨認手寫，請改用鍵盤。</extracomment>
      <translation>本機暫時未能辨認手寫，請改用鍵盤。</translation>
    </message>
    <message>
      <source>key_case_upper</source>
      <comment>ABC</comment>
      <extracomment>ABC</extracomment>
      <translation>ABC</translation>
    </message>
    <message>
      <source>menu_title</source>
      <comment>What would you like to do?</comment>
      <extracomment>你想辦理甚麼？</extracomment>
      <translation>你想辦理甚麼？</translation>
    </message>
    <message>
      <source>member</source>
      <comment>Member</comment>
      <extracomment>成員</extracomment>
      <translation>成員</translation>
    </message>
    <message>
      <source>hkid_label</source>
      <comment>HKID number</comment>
      <extracomment>身份證號碼</extracomment>
      <translation>身份證號碼</translation>
    </message>
    <message>
      <source>name_label</source>
      <comment>Name</comment>
      <extracomment>姓名</extracomment>
      <translation>姓名</translation>
    </message>
    <message>
      <source>coming_soon</source>
      <comment>Coming soon: {items}</comment>
      <extracomment>即將推出：{items}</extracomment>
      <translation>即將推出：{items}</translation>
    </message>
    <message>
      <source>list_sep</source>
      <comment>, </comment>
      <extracomment>、</extracomment>
      <translation>、</translation>
    </message>
    <message>
      <source>form_hint</source>
      <comment>Fill in only what you want to change. Touch a field, then type with the keyboard on the right.</comment>
      <extracomment>只需填寫要更改的項目。輕觸欄位，再用右邊的鍵盤輸入。</extracomment>
      <translation>只需填寫要更改的項目。輕觸欄位，再用右邊的鍵盤輸入。</translation>
    </message>
    <message>
      <source>form_hint_required</source>
      <comment>Please fill in every required item. Touch a field, then type with the keyboard on the right.</comment>
      <extracomment>請填寫所有必填項目。輕觸欄位，再用右邊的鍵盤輸入。</extracomment>
      <translation>請填寫所有必填項目。輕觸欄位，再用右邊的鍵盤輸入。</translation>
    </message>
    <message>
      <source>optional</source>
      <comment>(optional)</comment>
      <extracomment>（可選填）</extracomment>
      <translation>（可選填）</translation>
    </message>
    <message>
      <source>choice_none</source>
      <comment>No change</comment>
      <extracomment>不更改</extracomment>
      <translation>不更改</translation>
    </message>
    <message>
      <source>next</source>
      <comment>Next</comment>
      <extracomment>下一步</extracomment>
      <translation>下一步</translation>
    </message>
    <message>
      <source>unsupported_field</source>
      <comment>This item cannot be filled in at this kiosk yet.</comment>
      <extracomment>此項目暫時未能在本機填寫。</extracomment>
      <translation>此項目暫時未能在本機填寫。</translation>
    </message>
    <message>
      <source>review_title</source>
      <comment>Please check your instruction</comment>
      <extracomment>請核對你的指示</extracomment>
      <translation>請核對你的指示</translation>
    </message>
    <message>
      <source>review_hint</source>
      <comment>For your privacy, personal details are partly hidden. To change anything, press Back.</comment>
      <extracomment>為保障私隱，個人資料部分已隱藏。如需修改，請按「返回」。</extracomment>
      <translation>為保障私隱，個人資料部分已隱藏。如需修改，請按「返回」。</translation>
    </message>
    <message>
      <source>instruction</source>
      <comment>Instruction</comment>
      <extracomment>指示</extracomment>
      <translation>指示</translation>
    </message>
    <message>
      <source>confirm</source>
      <comment>Confirm and submit</comment>
      <extracomment>確認並提交</extracomment>
      <translation>確認並提交</translation>
    </message>
    <message>
      <source>more_below</source>
      <comment>▼ More below</comment>
      <extracomment>▼ 下面還有</extracomment>
      <translation>▼ 下面還有</translation>
    </message>
    <message>
      <source>official_terms</source>
      <comment>Official names: </comment>
      <extracomment>正式名稱：</extracomment>
      <translation>正式名稱：</translation>
    </message>
    <message>
      <source>fund_risk</source>
      <comment>Risk class {risk} (1 lowest, 7 highest)</comment>
      <extracomment>風險級別 {risk}（1 最低，7 最高）</extracomment>
      <translation>風險級別 {risk}（1 最低，7 最高）</translation>
    </message>
    <message>
      <source>fund_fee</source>
      <comment>Fund expense ratio {fee}% a year</comment>
      <extracomment>基金開支比率每年 {fee}%</extracomment>
      <translation>基金開支比率每年 {fee}%</translation>
    </message>
    <message>
      <source>fund_facts_unknown</source>
      <comment>Risk class and fees: ask staff for the fund fact sheet</comment>
      <extracomment>風險級別及收費：請向店員索取基金概覽</extracomment>
      <translation>風險級別及收費：請向店員索取基金概覽</translation>
    </message>
    <message>
      <source>back_to_top</source>
      <comment>▲ Back to top</comment>
      <extracomment>▲ 回到頂部</extracomment>
      <translation>▲ 回到頂部</translation>
    </message>
    <message>
      <source>review_read_all</source>
      <comment>Read it all (tap “▼ More below”) before you confirm.</comment>
      <extracomment>請看完所有內容（按「▼ 下面還有」），才可確認。</extracomment>
      <translation>請看完所有內容（按「▼ 下面還有」），才可確認。</translation>
    </message>
    <message>
      <source>saving</source>
      <comment>Saving…</comment>
      <extracomment>正在儲存…</extracomment>
      <translation>正在儲存…</translation>
    </message>
    <message>
      <source>receipt_title</source>
      <comment>Your instruction has been received</comment>
      <extracomment>已收到你的指示</extracomment>
      <translation>已收到你的指示</translation>
    </message>
    <message>
      <source>receipt_ref</source>
      <comment>Kiosk reference</comment>
      <extracomment>自助服務站參考編號</extracomment>
      <translation>自助服務站參考編號</translation>
    </message>
    <message>
      <source>receipt_keep</source>
      <comment>Take a photo of the reference or write it down for enquiries.</comment>
      <extracomment>請拍下或記下參考編號，以便查詢。</extracomment>
      <translation>請拍下或記下參考編號，以便查詢。</translation>
    </message>
    <message>
      <source>delivery_queued</source>
      <comment>Your instruction will be sent to the eMPF platform when the network is available.</comment>
      <extracomment>指示會在網絡可用時傳送至積金易平台。</extracomment>
      <translation>指示會在網絡可用時傳送至積金易平台。</translation>
    </message>
    <message>
      <source>delivery_sending</source>
      <comment>Sending to the eMPF platform…</comment>
      <extracomment>正在傳送至積金易平台…</extracomment>
      <translation>正在傳送至積金易平台…</translation>
    </message>
    <message>
      <source>delivery_accepted</source>
      <comment>Delivered to the eMPF platform.</comment>
      <extracomment>已送達積金易平台。</extracomment>
      <translation>已送達積金易平台。</translation>
    </message>
    <message>
      <source>delivery_rejected</source>
      <comment>The eMPF platform could not accept this instruction; please ask the staff.</comment>
      <extracomment>積金易平台未能接受此指示，請向職員查詢。</extracomment>
      <translation>積金易平台未能接受此指示，請向職員查詢。</translation>
    </message>
    <message>
      <source>receipt_qr</source>
      <comment>The QR code holds only the reference</comment>
      <extracomment>二維碼只包含參考編號</extracomment>
      <translation>二維碼只包含參考編號</translation>
    </message>
    <message>
      <source>receipt_closing</source>
      <comment>This screen closes in {n} seconds</comment>
      <extracomment>此畫面將於 {n} 秒後關閉</extracomment>
      <translation>此畫面將於 {n} 秒後關閉</translation>
    </message>
    <message>
      <source>done</source>
      <comment>Done</comment>
      <extracomment>完成</extracomment>
      <translation>完成</translation>
    </message>
    <message>
      <source>print_receipt</source>
      <comment>Print receipt</comment>
      <extracomment>列印收據</extracomment>
      <translation>列印收據</translation>
    </message>
    <message>
      <source>print_again</source>
      <comment>Print again</comment>
      <extracomment>再列印一次</extracomment>
      <translation>再列印一次</translation>
    </message>
    <message>
      <source>printing</source>
      <comment>Printing your receipt…</comment>
      <extracomment>正在列印收據…</extracomment>
      <translation>正在列印收據…</translation>
    </message>
    <message>
      <source>printed</source>
      <comment>Your receipt has been printed. Please take it.</comment>
      <extracomment>收據已列印，請取回。</extracomment>
      <translation>收據已列印，請取回。</translation>
    </message>
    <message>
      <source>print_paper_out</source>
      <comment>The printer is out of paper: no receipt was printed. Write the reference down, or ask the staff.</comment>
      <extracomment>打印機沒有紙，未能列印收據。請記下參考編號，或請職員協助。</extracomment>
      <translation>打印機沒有紙，未能列印收據。請記下參考編號，或請職員協助。</translation>
    </message>
    <message>
      <source>print_offline</source>
      <comment>The printer is offline: no receipt was printed. Write the reference down, or ask the staff.</comment>
      <extracomment>打印機未能連線，未能列印收據。請記下參考編號，或請職員協助。</extracomment>
      <translation>打印機未能連線，未能列印收據。請記下參考編號，或請職員協助。</translation>
    </message>
    <message>
      <source>print_failed</source>
      <comment>The receipt could not be printed. Write the reference down, or ask the staff.</comment>
      <extracomment>未能列印收據。請記下參考編號，或請職員協助。</extracomment>
      <translation>未能列印收據。請記下參考編號，或請職員協助。</translation>
    </message>
    <message>
      <source>idle_title</source>
      <comment>Are you still there?</comment>
      <extracomment>仍在使用嗎？</extracomment>
      <translation>仍在使用嗎？</translation>
    </message>
    <message>
      <source>idle_body</source>
      <comment>To protect your privacy, what you entered will be cleared in {n} seconds.</comment>
      <extracomment>為保障你的私隱，{n} 秒後會清除已輸入的資料並返回主畫面。</extracomment>
      <translation>為保障你的私隱，{n} 秒後會清除已輸入的資料並返回主畫面。</translation>
    </message>
    <message>
      <source>idle_more_time</source>
      <comment>I need more time</comment>
      <extracomment>我需要更多時間</extracomment>
      <translation>我需要更多時間</translation>
    </message>
    <message>
      <source>question_n</source>
      <comment>Question {n} of {of}</comment>
      <extracomment>問題 {n} / {of}</extracomment>
      <translation>問題 {n} / {of}</translation>
    </message>
    <message>
      <source>to_review</source>
      <comment>Check and review</comment>
      <extracomment>核對指示</extracomment>
      <translation>核對指示</translation>
    </message>
    <message>
      <source>i_confirm</source>
      <comment>I confirm this is true</comment>
      <extracomment>我確認以上聲明屬實</extracomment>
      <translation>我確認以上聲明屬實</translation>
    </message>
    <message>
      <source>allocation_total_ok</source>
      <comment>Total {total}%</comment>
      <extracomment>合計 {total}%</extracomment>
      <translation>合計 {total}%</translation>
    </message>
    <message>
      <source>allocation_total_off</source>
      <comment>Total {total}%: it must be 100% ({left}% to go)</comment>
      <extracomment>合計 {total}%：須為 100%（相差 {left}%）</extracomment>
      <translation>合計 {total}%：須為 100%（相差 {left}%）</translation>
    </message>
    <message>
      <source>switch_out_count</source>
      <comment>{n} funds chosen to switch out of</comment>
      <extracomment>已選擇 {n} 個轉出基金</extracomment>
      <translation>已選擇 {n} 個轉出基金</translation>
    </message>
    <message>
      <source>rows_position</source>
      <comment>Member {n} of {of}</comment>
      <extracomment>成員 {n} / {of}</extracomment>
      <translation>成員 {n} / {of}</translation>
    </message>
    <message>
      <source>rows_add</source>
      <comment>+ Add</comment>
      <extracomment>＋ 新增</extracomment>
      <translation>＋ 新增</translation>
    </message>
    <message>
      <source>rows_remove</source>
      <comment>Remove</comment>
      <extracomment>刪除</extracomment>
      <translation>刪除</translation>
    </message>
    <message>
      <source>import_usb</source>
      <comment>Import members from a USB stick</comment>
      <extracomment>從 USB 手指匯入成員</extracomment>
      <translation>從 USB 手指匯入成員</translation>
    </message>
    <message>
      <source>import_usb_hint</source>
      <comment>Imports every member from a file in the template (CSV), replacing the members typed.</comment>
      <extracomment>以範本格式（CSV）匯入全部成員，會取代已輸入的成員。</extracomment>
      <translation>以範本格式（CSV）匯入全部成員，會取代已輸入的成員。</translation>
    </message>
    <message>
      <source>import_listing</source>
      <comment>Looking for files on the USB stick…</comment>
      <extracomment>正在尋找 USB 手指上的檔案…</extracomment>
      <translation>正在尋找 USB 手指上的檔案…</translation>
    </message>
    <message>
      <source>import_choose</source>
      <comment>Choose the statement file:</comment>
      <extracomment>請選擇結算書檔案：</extracomment>
      <translation>請選擇結算書檔案：</translation>
    </message>
    <message>
      <source>import_reading</source>
      <comment>Reading and checking "{name}"…</comment>
      <extracomment>正在讀取及檢查「{name}」…</extracomment>
      <translation>正在讀取及檢查「{name}」…</translation>
    </message>
    <message>
      <source>import_file</source>
      <comment>{name} ({kb} KB)</comment>
      <extracomment>{name}（{kb} KB）</extracomment>
      <translation>{name}（{kb} KB）</translation>
    </message>
    <message>
      <source>import_close</source>
      <comment>Close</comment>
      <extracomment>關閉</extracomment>
      <translation>關閉</translation>
    </message>
    <message>
      <source>import_cancel</source>
      <comment>Cancel</comment>
      <extracomment>取消</extracomment>
      <translation>取消</translation>
    </message>
    <message>
      <source>import_again</source>
      <comment>Try again</comment>
      <extracomment>再試一次</extracomment>
      <translation>再試一次</translation>
    </message>
    <message>
      <source>rows_no_difference</source>
      <comment>No difference</comment>
      <extracomment>沒有差額</extracomment>
      <translation>沒有差額</translation>
    </message>
    <message>
      <source>rows_computed_none</source>
      <comment>Enter the relevant income and the kiosk works out the mandatory contributions.</comment>
      <extracomment>填寫有關入息後，本機會計算強制性供款。</extracomment>
      <translation>填寫有關入息後，本機會計算強制性供款。</translation>
    </message>
    <message>
      <source>rows_computed</source>
      <comment>By the rules: employer HK${er}, employee HK${ee} ({basis})</comment>
      <extracomment>按規則計算：僱主 HK${er}，僱員 HK${ee}（{basis}）</extracomment>
      <translation>按規則計算：僱主 HK${er}，僱員 HK${ee}（{basis}）</translation>
    </message>
    <message>
      <source>rows_computed_differs</source>
      <comment>This differs from what you entered: correct it, or choose the reason below.</comment>
      <extracomment>與你輸入的金額不同：請更正，或在下面選擇差額的原因。</extracomment>
      <translation>與你輸入的金額不同：請更正，或在下面選擇差額的原因。</translation>
    </message>
    <message>
      <source>chinese_unavailable</source>
      <comment>Chinese cannot be typed at this kiosk right now: type it in English, or leave it and ask the staff.</comment>
      <extracomment>本機暫時未能輸入中文，請以英文填寫，或留空並請職員協助。</extracomment>
      <translation>本機暫時未能輸入中文，請以英文填寫，或留空並請職員協助。</translation>
    </message>
    <message>
      <source>employer_menu</source>
      <comment>For employers</comment>
      <extracomment>僱主服務</extracomment>
      <translation>僱主服務</translation>
    </message>
    <message>
      <source>employer_menu_summary</source>
      <comment>Enrol or terminate employees, contribution data</comment>
      <extracomment>登記僱員、僱員離職、供款資料</extracomment>
      <translation>登記僱員、僱員離職、供款資料</translation>
    </message>
    <message>
      <source>employer_menu_title</source>
      <comment>For employers: what would you like to do?</comment>
      <extracomment>僱主服務：你想辦理甚麼？</extracomment>
      <translation>僱主服務：你想辦理甚麼？</translation>
    </message>
    <message>
      <source>scan_open_summary</source>
      <comment>An instruction you prepared online</comment>
      <extracomment>已在網上預先填寫指示</extracomment>
      <translation>已在網上預先填寫指示</translation>
    </message>
    <message>
      <source>review_notes</source>
      <comment>Please note</comment>
      <extracomment>請留意</extracomment>
      <translation>請留意</translation>
    </message>
    <message>
      <source>review_change</source>
      <comment>Change</comment>
      <extracomment>修改</extracomment>
      <translation>修改</translation>
    </message>
    <message>
      <source>a11y_large_text</source>
      <comment>Large text</comment>
      <extracomment>大字</extracomment>
      <translation>大字</translation>
    </message>
    <message>
      <source>a11y_high_contrast</source>
      <comment>High contrast</comment>
      <extracomment>高對比</extracomment>
      <translation>高對比</translation>
    </message>
    <message>
      <source>a11y_speech</source>
      <comment>Read aloud</comment>
      <extracomment>讀出指示</extracomment>
      <translation>讀出指示</translation>
    </message>
    <message>
      <source>a11y_title</source>
      <comment>Easier to read</comment>
      <extracomment>閱讀輔助</extracomment>
      <translation>閱讀輔助</translation>
    </message>
    <message>
      <source>speech_again</source>
      <comment>Read again</comment>
      <extracomment>再讀一次</extracomment>
      <translation>再讀一次</translation>
    </message>
    <message>
      <source>speech_quieter</source>
      <comment>Quieter</comment>
      <extracomment>調低音量</extracomment>
      <translation>調低音量</translation>
    </message>
    <message>
      <source>speech_louder</source>
      <comment>Louder</comment>
      <extracomment>調高音量</extracomment>
      <translation>調高音量</translation>
    </message>
    <message>
      <source>speech_volume</source>
      <comment>Volume {n} of {of}</comment>
      <extracomment>音量 {n} / {of}</extracomment>
      <translation>音量 {n} / {of}</translation>
    </message>
    <message>
      <source>speech_unavailable</source>
      <comment>Reading aloud is not available here. Please ask the shop staff.</comment>
      <extracomment>本機暫時未能讀出指示。如需協助，請向店員查詢。</extracomment>
      <translation>本機暫時未能讀出指示。如需協助，請向店員查詢。</translation>
    </message>
    <message>
      <source>status_title</source>
      <comment>This kiosk</comment>
      <extracomment>本機狀態</extracomment>
      <translation>本機狀態</translation>
    </message>
    <message>
      <source>yes</source>
      <comment>Yes</comment>
      <extracomment>是</extracomment>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <comment>No</comment>
      <extracomment>否</extracomment>
      <translation>否</translation>
    </message>
    <message>
      <source>review_member_row</source>
      <comment>Member {n}</comment>
      <extracomment>成員 {n}</extracomment>
      <translation>成員 {n}</translation>
    </message>
    <message>
      <source>optional_hint</source>
      <comment>You may leave this empty.</comment>
      <extracomment>可留空。</extracomment>
      <translation>可留空。</translation>
    </message>
    <message>
      <source>reg_id_title</source>
      <comment>Registering needs your identity checked</comment>
      <extracomment>登記前須核實你的身份</extracomment>
      <translation>登記前須核實你的身份</translation>
    </message>
    <message>
      <source>reg_id_why</source>
      <comment>To stop forged identity cards being used, opening an eMPF account needs iAM Smart, or shop staff looking at your HKID card. A typed or card-read HKID number alone is not enough.</comment>
      <extracomment>為防止有人冒用身份證，開立積金易帳戶須經「智方便」，或由店員親眼核對你的香港身份證。只輸入或讀取身份證號碼，不能用作登記。</extracomment>
      <translation>為防止有人冒用身份證，開立積金易帳戶須經「智方便」，或由店員親眼核對你的香港身份證。只輸入或讀取身份證號碼，不能用作登記。</translation>
    </message>
    <message>
      <source>reg_id_iamsmart</source>
      <comment>Use iAM Smart</comment>
      <extracomment>使用「智方便」</extracomment>
      <translation>使用「智方便」</translation>
    </message>
    <message>
      <source>reg_id_iamsmart_hint</source>
      <comment>Scan a QR code with your phone; your name and date of birth are filled in for you.</comment>
      <extracomment>用手機掃描二維碼；你的姓名及出生日期會自動填上。</extracomment>
      <translation>用手機掃描二維碼；你的姓名及出生日期會自動填上。</translation>
    </message>
    <message>
      <source>reg_id_staff</source>
      <comment>Ask shop staff</comment>
      <extracomment>請店員協助</extracomment>
      <translation>請店員協助</translation>
    </message>
    <message>
      <source>reg_id_staff_hint</source>
      <comment>Staff will check your HKID card.</comment>
      <extracomment>店員會核對你的香港身份證。</extracomment>
      <translation>店員會核對你的香港身份證。</translation>
    </message>
    <message>
      <source>reg_id_staff_wait</source>
      <comment>Please call a member of the shop staff and have your HKID card ready. They sign in on this kiosk with their staff card or staff number, look at your card, and then you carry on registering.</comment>
      <extracomment>請向店員示意並準備好你的香港身份證。店員會在本機以職員咭或職員編號登入，親眼核對你的身份證後，你便可繼續登記。</extracomment>
      <translation>請向店員示意並準備好你的香港身份證。店員會在本機以職員咭或職員編號登入，親眼核對你的身份證後，你便可繼續登記。</translation>
    </message>
    <message>
      <source>reg_id_menu_hint</source>
      <comment>Needs iAM Smart or staff checking your HKID card</comment>
      <extracomment>須經「智方便」或店員核對身份證</extracomment>
      <translation>須經「智方便」或店員核對身份證</translation>
    </message>
  </context>
</TS>
