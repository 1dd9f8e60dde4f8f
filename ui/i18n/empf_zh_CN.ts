<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>ui</name>
    <message>
      <source>sign_in_title</source>
      <comment>請先登入 / Please sign in</comment>
      <extracomment>请先登录</extracomment>
      <translation>请先登录</translation>
    </message>
    <message>
      <source>sign_in_why_account</source>
      <comment>登入後，你可查看自己的積金帳戶、基金及已遞交的指示。 / Sign in to see your own MPF accounts, funds and the instructions you gave.</comment>
      <extracomment>登录后，你可查看自己的积金账户、基金及已递交的指示。</extracomment>
      <translation>登录后，你可查看自己的积金账户、基金及已递交的指示。</translation>
    </message>
    <message>
      <source>sign_in_why_type</source>
      <comment>{type}：{reason} / {type}: {reason}</comment>
      <extracomment>{type}：{reason}</extracomment>
      <translation>{type}：{reason}</translation>
    </message>
    <message>
      <source>sign_in_why_employer</source>
      <comment>{type}：請僱主的獲授權人士登入，本機便可取得僱主的公司、計劃及已協定的自願性供款安排，讓你從清單中選擇，不用輸入。 / {type}: the employer's authorised person signs in, so the kiosk has the employer's companies, schemes and agreed voluntary contribution plans for you to pick from instead of typing.</comment>
      <extracomment>{type}：请雇主的获授权人士登录，本机便可取得雇主的公司、计划及已协定的自愿性供款安排，让你从清单中选择，不用输入。</extracomment>
      <translation>{type}：请雇主的获授权人士登录，本机便可取得雇主的公司、计划及已协定的自愿性供款安排，让你从清单中选择，不用输入。</translation>
    </message>
    <message>
      <source>employer_title</source>
      <comment>這份結算書是哪一位僱主的？ / Which employer is this statement for?</comment>
      <extracomment>这份结算书是哪一位雇主的？</extracomment>
      <translation>这份结算书是哪一位雇主的？</translation>
    </message>
    <message>
      <source>employer_loading</source>
      <comment>正在取得僱主資料… / Fetching the employer's details…</comment>
      <extracomment>正在取得雇主资料…</extracomment>
      <translation>正在取得雇主资料…</translation>
    </message>
    <message>
      <source>employer_pick_hint</source>
      <comment>你是以下僱主的獲授權人士，請選擇一位。 / You act for these employers. Choose one.</comment>
      <extracomment>你是以下雇主的获授权人士，请选择一位。</extracomment>
      <translation>你是以下雇主的获授权人士，请选择一位。</translation>
    </message>
    <message>
      <source>sign_in_iamsmart</source>
      <comment>使用「智方便」 / Use iAM Smart</comment>
      <extracomment>使用「智方便」</extracomment>
      <translation>使用「智方便」</translation>
    </message>
    <message>
      <source>sign_in_iamsmart_hint</source>
      <comment>在你的手機上確認，最快捷。 / Confirm on your phone: the quickest way.</comment>
      <extracomment>在你的手机上确认，最快捷。</extracomment>
      <translation>在你的手机上确认，最快捷。</translation>
    </message>
    <message>
      <source>sign_in_code</source>
      <comment>以短訊一次性密碼登入 / Get a one-time code by text message</comment>
      <extracomment>以短讯一次性密码登录</extracomment>
      <translation>以短讯一次性密码登录</translation>
    </message>
    <message>
      <source>sign_in_code_hint</source>
      <comment>我們把 6 位數字密碼傳送到你在積金易登記的手提電話。 / We send a 6-digit code to the mobile number registered with eMPF.</comment>
      <extracomment>我们把 6 位数字密码传送到你在积金易登记的手机号码。</extracomment>
      <translation>我们把 6 位数字密码传送到你在积金易登记的手机号码。</translation>
    </message>
    <message>
      <source>sign_in_staff_hint</source>
      <comment>沒有「智方便」或手提電話不在身邊？請找職員協助。 / No iAM Smart, or no phone with you? Please ask the staff.</comment>
      <extracomment>没有「智方便」或手机号码不在身边？请找职员协助。</extracomment>
      <translation>没有「智方便」或手机号码不在身边？请找职员协助。</translation>
    </message>
    <message>
      <source>sign_in_sending</source>
      <comment>正在傳送一次性密碼… / Sending the one-time code…</comment>
      <extracomment>正在传送一次性密码…</extracomment>
      <translation>正在传送一次性密码…</translation>
    </message>
    <message>
      <source>sign_in_sent</source>
      <comment>一次性密碼已傳送到手提電話 {to}。請輸入短訊中的 6 位數字。 / A one-time code was sent to your mobile {to}. Type the 6 digits from the text message.</comment>
      <extracomment>一次性密码已传送到手机号码 {to}。请输入短讯中的 6 位数字。</extracomment>
      <translation>一次性密码已传送到手机号码 {to}。请输入短讯中的 6 位数字。</translation>
    </message>
    <message>
      <source>sign_in_code_label</source>
      <comment>一次性密碼 / One-time code</comment>
      <extracomment>一次性密码</extracomment>
      <translation>一次性密码</translation>
    </message>
    <message>
      <source>sign_in_check</source>
      <comment>確認密碼 / Check the code</comment>
      <extracomment>确认密码</extracomment>
      <translation>确认密码</translation>
    </message>
    <message>
      <source>sign_in_checking</source>
      <comment>正在核對… / Checking…</comment>
      <extracomment>正在核对…</extracomment>
      <translation>正在核对…</translation>
    </message>
    <message>
      <source>sign_in_resend</source>
      <comment>再傳送新密碼 / Send a new code</comment>
      <extracomment>再传送新密码</extracomment>
      <translation>再传送新密码</translation>
    </message>
    <message>
      <source>sign_in_valid_for</source>
      <comment>密碼有效時間尚餘 {m}:{s:02d} / The code is valid for {m}:{s:02d}</comment>
      <extracomment>密码有效时间尚余 {m}:{s:02d}</extracomment>
      <translation>密码有效时间尚余 {m}:{s:02d}</translation>
    </message>
    <message>
      <source>sign_in_expired</source>
      <comment>密碼已過期，請再傳送新密碼。 / The code has expired. Send a new code.</comment>
      <extracomment>密码已过期，请再传送新密码。</extracomment>
      <translation>密码已过期，请再传送新密码。</translation>
    </message>
    <message>
      <source>sign_in_tries_left</source>
      <comment>尚餘 {n} 次機會。 / {n} tries left.</comment>
      <extracomment>尚余 {n} 次机会。</extracomment>
      <translation>尚余 {n} 次机会。</translation>
    </message>
    <message>
      <source>sign_in_demo_phone</source>
      <comment>示範手機收到的短訊：{text} / Demo phone received: {text}</comment>
      <extracomment>示范手机收到的短讯：{text}</extracomment>
      <translation>示范手机收到的短讯：{text}</translation>
    </message>
    <message>
      <source>menu_sign_in</source>
      <comment>登入 / Sign in</comment>
      <extracomment>登录</extracomment>
      <translation>登录</translation>
    </message>
    <message>
      <source>menu_sign_in_summary</source>
      <comment>查看你的帳戶；提款、轉移、轉換基金及更改資料須先登入。 / See your account. Needed to move money or change your details.</comment>
      <extracomment>查看你的账户；提款、转移、转换基金及更改资料须先登录。</extracomment>
      <translation>查看你的账户；提款、转移、转换基金及更改资料须先登录。</translation>
    </message>
    <message>
      <source>menu_account</source>
      <comment>我的帳戶 / My account</comment>
      <extracomment>我的账户</extracomment>
      <translation>我的账户</translation>
    </message>
    <message>
      <source>menu_account_summary</source>
      <comment>你已登入：查看你的帳戶、基金、結餘及已遞交的指示。 / You are signed in: your account, funds, balances and instructions.</comment>
      <extracomment>你已登录：查看你的账户、基金、结余及已递交的指示。</extracomment>
      <translation>你已登录：查看你的账户、基金、结余及已递交的指示。</translation>
    </message>
    <message>
      <source>menu_needs_sign_in</source>
      <comment>須先登入 / Needs a sign-in</comment>
      <extracomment>须先登录</extracomment>
      <translation>须先登录</translation>
    </message>
    <message>
      <source>review_sign_in</source>
      <comment>登入 / Sign in</comment>
      <extracomment>登录</extracomment>
      <translation>登录</translation>
    </message>
    <message>
      <source>iamsmart_use</source>
      <comment>使用「智方便」登入 / Sign in with iAM Smart</comment>
      <extracomment>使用「智方便」登录</extracomment>
      <translation>使用「智方便」登录</translation>
    </message>
    <message>
      <source>iamsmart_title</source>
      <comment>以「智方便」登入 / Sign in with iAM Smart</comment>
      <extracomment>以「智方便」登录</extracomment>
      <translation>以「智方便」登录</translation>
    </message>
    <message>
      <source>iamsmart_step1</source>
      <comment>在手機開啟「智方便」應用程式。 / Open the iAM Smart app on your phone.</comment>
      <extracomment>在手机开启「智方便」应用程序。</extracomment>
      <translation>在手机开启「智方便」应用程序。</translation>
    </message>
    <message>
      <source>iamsmart_step2</source>
      <comment>按「掃描」，掃描這個畫面上的二維碼。 / Tap Scan and scan the QR code on this screen.</comment>
      <extracomment>按「扫描」，扫描这个画面上的二维码。</extracomment>
      <translation>按「扫描」，扫描这个画面上的二维码。</translation>
    </message>
    <message>
      <source>iamsmart_step3</source>
      <comment>在手機上確認授權。 / Confirm on your phone.</comment>
      <extracomment>在手机上确认授权。</extracomment>
      <translation>在手机上确认授权。</translation>
    </message>
    <message>
      <source>iamsmart_starting</source>
      <comment>正在準備二維碼… / Preparing the QR code…</comment>
      <extracomment>正在准备二维码…</extracomment>
      <translation>正在准备二维码…</translation>
    </message>
    <message>
      <source>iamsmart_waiting</source>
      <comment>等待你以手機掃描… / Waiting for your phone to scan…</comment>
      <extracomment>等待你以手机扫描…</extracomment>
      <translation>等待你以手机扫描…</translation>
    </message>
    <message>
      <source>iamsmart_scanned</source>
      <comment>已掃描。請在手機上確認授權。 / Scanned. Please confirm on your phone.</comment>
      <extracomment>已扫描。请在手机上确认授权。</extracomment>
      <translation>已扫描。请在手机上确认授权。</translation>
    </message>
    <message>
      <source>iamsmart_valid_for</source>
      <comment>二維碼有效時間尚餘 {m}:{s:02d} / QR code valid for {m}:{s:02d}</comment>
      <extracomment>二维码有效时间尚余 {m}:{s:02d}</extracomment>
      <translation>二维码有效时间尚余 {m}:{s:02d}</translation>
    </message>
    <message>
      <source>iamsmart_retry</source>
      <comment>再試一次 / Try again</comment>
      <extracomment>再试一次</extracomment>
      <translation>再试一次</translation>
    </message>
    <message>
      <source>iamsmart_no_code</source>
      <comment>此二維碼已失效 / This QR code is no longer valid</comment>
      <extracomment>此二维码已失效</extracomment>
      <translation>此二维码已失效</translation>
    </message>
    <message>
      <source>iamsmart_cancel</source>
      <comment>取消 / Cancel</comment>
      <extracomment>取消</extracomment>
      <translation>取消</translation>
    </message>
    <message>
      <source>iamsmart_start_again</source>
      <comment>重新開始 / Start again</comment>
      <extracomment>重新开始</extracomment>
      <translation>重新开始</translation>
    </message>
    <message>
      <source>iamsmart_demo_approve</source>
      <comment>示範：手機確認授權 / Demo: approve on the phone</comment>
      <extracomment>示范：手机确认授权</extracomment>
      <translation>示范：手机确认授权</translation>
    </message>
    <message>
      <source>iamsmart_demo_deny</source>
      <comment>示範：手機拒絕 / Demo: decline on the phone</comment>
      <extracomment>示范：手机拒绝</extracomment>
      <translation>示范：手机拒绝</translation>
    </message>
    <message>
      <source>scan_open</source>
      <comment>掃描手機上的二維碼 / Scan a QR code from your phone</comment>
      <extracomment>扫描手机上的二维码</extracomment>
      <translation>扫描手机上的二维码</translation>
    </message>
    <message>
      <source>scan_title</source>
      <comment>請把手機上的二維碼對準鏡頭 / Show the QR code on your phone to the camera</comment>
      <extracomment>请把手机上的二维码对准镜头</extracomment>
      <translation>请把手机上的二维码对准镜头</translation>
    </message>
    <message>
      <source>scan_step1</source>
      <comment>在積金易應用程式開啟已預填的指示二維碼。 / Open the prepared instruction's QR code in the eMPF app.</comment>
      <extracomment>在积金易应用程序开启已预填的指示二维码。</extracomment>
      <translation>在积金易应用程序开启已预填的指示二维码。</translation>
    </message>
    <message>
      <source>scan_step2</source>
      <comment>把手機屏幕放在框內，距離約 20 至 30 厘米。 / Hold the phone screen inside the frame, about 20 to 30 cm away.</comment>
      <extracomment>把手机屏幕放在框内，距离约 20 至 30 厘米。</extracomment>
      <translation>把手机屏幕放在框内，距离约 20 至 30 厘米。</translation>
    </message>
    <message>
      <source>scan_step3</source>
      <comment>讀取後，你可核對內容，再確認提交。 / Once it is read, you check the content and confirm.</comment>
      <extracomment>读取后，你可核对内容，再确认提交。</extracomment>
      <translation>读取后，你可核对内容，再确认提交。</translation>
    </message>
    <message>
      <source>scan_scanner_hint</source>
      <comment>你亦可使用下方的掃描器。 / You can also use the scanner below.</comment>
      <extracomment>你亦可使用下方的扫描器。</extracomment>
      <translation>你亦可使用下方的扫描器。</translation>
    </message>
    <message>
      <source>scan_no_camera</source>
      <comment>鏡頭未能使用。請使用掃描器，或向職員查詢。 / The camera is not available. Use the scanner, or ask the staff.</comment>
      <extracomment>镜头未能使用。请使用扫描器，或向职员查询。</extracomment>
      <translation>镜头未能使用。请使用扫描器，或向职员查询。</translation>
    </message>
    <message>
      <source>scan_demo_wedge</source>
      <comment>示範：手提掃描器讀取 / Demo: hand-held scanner reads a code</comment>
      <extracomment>示范：手提扫描器读取</extracomment>
      <translation>示范：手提扫描器读取</translation>
    </message>
    <message>
      <source>scan_demo_serial</source>
      <comment>示範：串列掃描器讀取 / Demo: serial scanner reads a code</comment>
      <extracomment>示范：串列扫描器读取</extracomment>
      <translation>示范：串列扫描器读取</translation>
    </message>
    <message>
      <source>scan_looking</source>
      <comment>正在尋找二維碼… / Looking for a QR code…</comment>
      <extracomment>正在寻找二维码…</extracomment>
      <translation>正在寻找二维码…</translation>
    </message>
    <message>
      <source>brand</source>
      <comment>積金易自助服務站 / eMPF self-service kiosk</comment>
      <extracomment>积金易自助服务站</extracomment>
      <translation>积金易自助服务站</translation>
    </message>
    <message>
      <source>step</source>
      <comment>第 {n} 步，共 {of} 步 / Step {n} of {of}</comment>
      <extracomment>第 {n} 步，共 {of} 步</extracomment>
      <translation>第 {n} 步，共 {of} 步</translation>
    </message>
    <message>
      <source>lang_zh</source>
      <comment>繁 / 繁</comment>
      <extracomment>繁</extracomment>
      <translation>繁</translation>
    </message>
    <message>
      <source>lang_en</source>
      <comment>EN / EN</comment>
      <extracomment>EN</extracomment>
      <translation>EN</translation>
    </message>
    <message>
      <source>lang_cn</source>
      <comment>简 / 简</comment>
      <extracomment>简</extracomment>
      <translation>简</translation>
    </message>
    <message>
      <source>back</source>
      <comment>‹ 返回 / ‹ Back</comment>
      <extracomment>‹ 返回</extracomment>
      <translation>‹ 返回</translation>
    </message>
    <message>
      <source>call_staff</source>
      <comment>呼叫職員 / Call staff</comment>
      <extracomment>呼叫职员</extracomment>
      <translation>呼叫职员</translation>
    </message>
    <message>
      <source>staff_called</source>
      <comment>已通知職員 / Staff called</comment>
      <extracomment>已通知职员</extracomment>
      <translation>已通知职员</translation>
    </message>
    <message>
      <source>staff_call_alert</source>
      <comment>職員請注意：有成員等候協助（已等 {age}） / Staff: a member is waiting for help ({age})</comment>
      <extracomment>职员请注意：有成员等候协助（已等 {age}）</extracomment>
      <translation>职员请注意：有成员等候协助（已等 {age}）</translation>
    </message>
    <message>
      <source>waited_seconds</source>
      <comment>{n} 秒 / {n} s</comment>
      <extracomment>{n} 秒</extracomment>
      <translation>{n} 秒</translation>
    </message>
    <message>
      <source>waited_minutes</source>
      <comment>{n} 分鐘 / {n} min</comment>
      <extracomment>{n} 分钟</extracomment>
      <translation>{n} 分钟</translation>
    </message>
    <message>
      <source>online</source>
      <comment>在線 / Online</comment>
      <extracomment>在线</extracomment>
      <translation>在线</translation>
    </message>
    <message>
      <source>offline</source>
      <comment>離線 / Offline</comment>
      <extracomment>离线</extracomment>
      <translation>离线</translation>
    </message>
    <message>
      <source>checking</source>
      <comment>正在檢查網絡 / Checking network</comment>
      <extracomment>正在检查网络</extracomment>
      <translation>正在检查网络</translation>
    </message>
    <message>
      <source>status_unknown</source>
      <comment>狀態不明 / Status unknown</comment>
      <extracomment>状态不明</extracomment>
      <translation>状态不明</translation>
    </message>
    <message>
      <source>waiting_none</source>
      <comment>沒有指示等待傳送 / No instructions waiting</comment>
      <extracomment>没有指示等待传送</extracomment>
      <translation>没有指示等待传送</translation>
    </message>
    <message>
      <source>waiting_one</source>
      <comment>1 項指示等待傳送 / 1 instruction waiting</comment>
      <extracomment>1 项指示等待传送</extracomment>
      <translation>1 项指示等待传送</translation>
    </message>
    <message>
      <source>waiting_n</source>
      <comment>{n} 項指示等待傳送 / {n} instructions waiting</comment>
      <extracomment>{n} 项指示等待传送</extracomment>
      <translation>{n} 项指示等待传送</translation>
    </message>
    <message>
      <source>demo_insert</source>
      <comment>示範：插入虛擬身份證明咭 / Demo: insert the virtual card</comment>
      <extracomment>示范：插入虚拟身份证明卡</extracomment>
      <translation>示范：插入虚拟身份证明卡</translation>
    </message>
    <message>
      <source>demo_remove</source>
      <comment>示範：取出虛擬身份證明咭 / Demo: remove the virtual card</comment>
      <extracomment>示范：取出虚拟身份证明卡</extracomment>
      <translation>示范：取出虚拟身份证明卡</translation>
    </message>
    <message>
      <source>attract_title_zh</source>
      <comment>積金易自助服務站 / 積金易自助服務站</comment>
      <extracomment>积金易自助服务站</extracomment>
      <translation>积金易自助服务站</translation>
    </message>
    <message>
      <source>attract_title_en</source>
      <comment>eMPF self-service kiosk / eMPF self-service kiosk</comment>
      <extracomment>eMPF self-service kiosk</extracomment>
      <translation>eMPF self-service kiosk</translation>
    </message>
    <message>
      <source>attract_lead</source>
      <comment>在這裏更新你的強積金資料，無需排隊。 / Update your MPF details here, without queuing.</comment>
      <extracomment>在这里更新你的强积金资料，无需排队。</extracomment>
      <translation>在这里更新你的强积金资料，无需排队。</translation>
    </message>
    <message>
      <source>start</source>
      <comment>開始  Start / Start  開始</comment>
      <extracomment>开始  Start</extracomment>
      <translation>开始  Start</translation>
    </message>
    <message>
      <source>announcements</source>
      <comment>最新消息 / Announcements</comment>
      <extracomment>最新消息</extracomment>
      <translation>最新消息</translation>
    </message>
    <message>
      <source>no_announcements</source>
      <comment>暫時沒有最新消息。 / No announcements at the moment.</comment>
      <extracomment>暂时没有最新消息。</extracomment>
      <translation>暂时没有最新消息。</translation>
    </message>
    <message>
      <source>identify_title</source>
      <comment>請確認你的身份 / Tell us who you are</comment>
      <extracomment>请确认你的身份</extracomment>
      <translation>请确认你的身份</translation>
    </message>
    <message>
      <source>identify_iamsmart</source>
      <comment>使用「智方便」（最快捷） / Use iAM Smart (quickest)</comment>
      <extracomment>使用「智方便」（最快捷）</extracomment>
      <translation>使用「智方便」（最快捷）</translation>
    </message>
    <message>
      <source>identify_iamsmart_hint</source>
      <comment>在手機確認身份並登入，所有服務都可使用。 / Confirm on your phone: you are signed in, and every service is open to you.</comment>
      <extracomment>在手机确认身份并登录，所有服务都可使用。</extracomment>
      <translation>在手机确认身份并登录，所有服务都可使用。</translation>
    </message>
    <message>
      <source>identify_hint</source>
      <comment>護照或有晶片的證件：放進讀卡器，晶片向上。香港身份證的晶片不能在此讀取，請輸入號碼。 / A passport or an ID card with a chip: put it in the reader, chip up. A Hong Kong identity card's chip cannot be read here: type its number.</comment>
      <extracomment>护照或有芯片的证件：放进读卡器，芯片向上。香港身份证的芯片不能在此读取，请输入号码。</extracomment>
      <translation>护照或有芯片的证件：放进读卡器，芯片向上。香港身份证的芯片不能在此读取，请输入号码。</translation>
    </message>
    <message>
      <source>identify_staff_hint</source>
      <comment>需要協助？請按上方的「呼叫職員」。 / Need help? Press 'Call staff' at the top.</comment>
      <extracomment>需要协助？请按上方的「呼叫职员」。</extracomment>
      <translation>需要协助？请按上方的「呼叫职员」。</translation>
    </message>
    <message>
      <source>reading</source>
      <comment>正在讀取你的咭，請勿取出… / Reading your card, please leave it in…</comment>
      <extracomment>正在读取你的卡，请勿取出…</extracomment>
      <translation>正在读取你的卡，请勿取出…</translation>
    </message>
    <message>
      <source>or_type</source>
      <comment>輸入你的香港身份證號碼 / Type your HKID number</comment>
      <extracomment>输入你的香港身份证号码</extracomment>
      <translation>输入你的香港身份证号码</translation>
    </message>
    <message>
      <source>hkid_example</source>
      <comment>例如 A123456(3) / for example A123456(3)</comment>
      <extracomment>例如 A123456(3)</extracomment>
      <translation>例如 A123456(3)</translation>
    </message>
    <message>
      <source>mrz_title</source>
      <comment>請輸入證件資料以讀取晶片 / Type the document's details to open its chip</comment>
      <extracomment>请输入证件资料以读取芯片</extracomment>
      <translation>请输入证件资料以读取芯片</translation>
    </message>
    <message>
      <source>mrz_hint</source>
      <comment>資料印在證件的個人資料頁上。晶片只會在資料正確時開啟，請把證件留在讀卡器上。 / You find them on the document's data page. The chip opens only with the right details; leave the document on the reader.</comment>
      <extracomment>资料印在证件的个人资料页上。芯片只会在资料正确时开启，请把证件留在读卡器上。</extracomment>
      <translation>资料印在证件的个人资料页上。芯片只会在资料正确时开启，请把证件留在读卡器上。</translation>
    </message>
    <message>
      <source>mrz_document_number</source>
      <comment>證件號碼 / Document number</comment>
      <extracomment>证件号码</extracomment>
      <translation>证件号码</translation>
    </message>
    <message>
      <source>mrz_date_of_birth</source>
      <comment>出生日期（年-月-日，例如 1969-08-06） / Date of birth (year-month-day, e.g. 1969-08-06)</comment>
      <extracomment>出生日期（年-月-日，例如 1969-08-06）</extracomment>
      <translation>出生日期（年-月-日，例如 1969-08-06）</translation>
    </message>
    <message>
      <source>mrz_date_of_expiry</source>
      <comment>有效期至（年-月-日，例如 2034-06-23） / Date of expiry (year-month-day, e.g. 2034-06-23)</comment>
      <extracomment>有效期至（年-月-日，例如 2034-06-23）</extracomment>
      <translation>有效期至（年-月-日，例如 2034-06-23）</translation>
    </message>
    <message>
      <source>mrz_read</source>
      <comment>讀取晶片 / Read chip</comment>
      <extracomment>读取芯片</extracomment>
      <translation>读取芯片</translation>
    </message>
    <message>
      <source>mrz_reading</source>
      <comment>正在讀取晶片，請勿移開證件… / Reading the chip, please leave the document in place…</comment>
      <extracomment>正在读取芯片，请勿移开证件…</extracomment>
      <translation>正在读取芯片，请勿移开证件…</translation>
    </message>
    <message>
      <source>mrz_tries_left</source>
      <comment>尚餘 {n} 次機會 / {n} tries left</comment>
      <extracomment>尚余 {n} 次机会</extracomment>
      <translation>尚余 {n} 次机会</translation>
    </message>
    <message>
      <source>document_label</source>
      <comment>證件晶片 / Document chip</comment>
      <extracomment>证件芯片</extracomment>
      <translation>证件芯片</translation>
    </message>
    <message>
      <source>continue</source>
      <comment>繼續 / Continue</comment>
      <extracomment>继续</extracomment>
      <translation>继续</translation>
    </message>
    <message>
      <source>key_clear</source>
      <comment>清除 / Clear</comment>
      <extracomment>清除</extracomment>
      <translation>清除</translation>
    </message>
    <message>
      <source>key_delete</source>
      <comment>⌫ 刪除 / ⌫ Delete</comment>
      <extracomment>⌫ 删除</extracomment>
      <translation>⌫ 删除</translation>
    </message>
    <message>
      <source>key_space</source>
      <comment>空格 / Space</comment>
      <extracomment>空格</extracomment>
      <translation>空格</translation>
    </message>
    <message>
      <source>key_case_lower</source>
      <comment>abc / abc</comment>
      <extracomment>abc</extracomment>
      <translation>abc</translation>
    </message>
    <message>
      <source>hw_mode_write</source>
      <comment>手寫 / Handwriting</comment>
      <extracomment>手写</extracomment>
      <translation>手写</translation>
    </message>
    <message>
      <source>hw_mode_keys</source>
      <comment>倉頡／拼音鍵盤 / Keyboard</comment>
      <extracomment>仓颉／拼音键盘</extracomment>
      <translation>仓颉／拼音键盘</translation>
    </message>
    <message>
      <source>hw_hint</source>
      <comment>用手指在這裏寫一個字，然後在右邊按那個字。 / Write one character here with your finger, then tap it on the right.</comment>
      <extracomment>用手指在这里写一个字，然后在右边按那个字。</extracomment>
      <translation>用手指在这里写一个字，然后在右边按那个字。</translation>
    </message>
    <message>
      <source>hw_undo</source>
      <comment>↶ 刪一筆 / ↶ Undo stroke</comment>
      <extracomment>↶ 删一笔</extracomment>
      <translation>↶ 删一笔</translation>
    </message>
    <message>
      <source>hw_rewrite</source>
      <comment>重寫 / Rewrite</comment>
      <extracomment>重写</extracomment>
      <translation>重写</translation>
    </message>
    <message>
      <source>hw_canvas</source>
      <comment>手寫方格 / Writing box</comment>
      <extracomment>手写方格</extracomment>
      <translation>手写方格</translation>
    </message>
    <message>
      <source>hw_unavailable</source>
      <comment>本機暫時未能辨認手寫，請改用鍵盤。 / Handwriting cannot be read at this kiosk right now: please use the keyboard.</comment>
      <extracomment>本机暂时未能辨认手写，请改用键盘。</extracomment>
      <translation>本机暂时未能辨认手写，请改用键盘。</translation>
    </message>
    <message>
      <source>key_case_upper</source>
      <comment>ABC / ABC</comment>
      <extracomment>ABC</extracomment>
      <translation>ABC</translation>
    </message>
    <message>
      <source>menu_title</source>
      <comment>你想辦理甚麼？ / What would you like to do?</comment>
      <extracomment>你想办理什么？</extracomment>
      <translation>你想办理什么？</translation>
    </message>
    <message>
      <source>member</source>
      <comment>成員 / Member</comment>
      <extracomment>成员</extracomment>
      <translation>成员</translation>
    </message>
    <message>
      <source>hkid_label</source>
      <comment>身份證號碼 / HKID number</comment>
      <extracomment>身份证号码</extracomment>
      <translation>身份证号码</translation>
    </message>
    <message>
      <source>name_label</source>
      <comment>姓名 / Name</comment>
      <extracomment>姓名</extracomment>
      <translation>姓名</translation>
    </message>
    <message>
      <source>coming_soon</source>
      <comment>即將推出：{items} / Coming soon: {items}</comment>
      <extracomment>即将推出：{items}</extracomment>
      <translation>即将推出：{items}</translation>
    </message>
    <message>
      <source>list_sep</source>
      <comment>、 / , </comment>
      <extracomment>、</extracomment>
      <translation>、</translation>
    </message>
    <message>
      <source>form_hint</source>
      <comment>只需填寫要更改的項目。輕觸欄位，再用右邊的鍵盤輸入。 / Fill in only what you want to change. Touch a field, then type with the keyboard on the right.</comment>
      <extracomment>只需填写要更改的项目。轻触栏位，再用右边的键盘输入。</extracomment>
      <translation>只需填写要更改的项目。轻触栏位，再用右边的键盘输入。</translation>
    </message>
    <message>
      <source>form_hint_required</source>
      <comment>請填寫所有必填項目。輕觸欄位，再用右邊的鍵盤輸入。 / Please fill in every required item. Touch a field, then type with the keyboard on the right.</comment>
      <extracomment>请填写所有必填项目。轻触栏位，再用右边的键盘输入。</extracomment>
      <translation>请填写所有必填项目。轻触栏位，再用右边的键盘输入。</translation>
    </message>
    <message>
      <source>optional</source>
      <comment>（可選填） / (optional)</comment>
      <extracomment>（可选填）</extracomment>
      <translation>（可选填）</translation>
    </message>
    <message>
      <source>choice_none</source>
      <comment>不更改 / No change</comment>
      <extracomment>不更改</extracomment>
      <translation>不更改</translation>
    </message>
    <message>
      <source>next</source>
      <comment>下一步 / Next</comment>
      <extracomment>下一步</extracomment>
      <translation>下一步</translation>
    </message>
    <message>
      <source>unsupported_field</source>
      <comment>此項目暫時未能在本機填寫。 / This item cannot be filled in at this kiosk yet.</comment>
      <extracomment>此项目暂时未能在本机填写。</extracomment>
      <translation>此项目暂时未能在本机填写。</translation>
    </message>
    <message>
      <source>review_title</source>
      <comment>請核對你的指示 / Please check your instruction</comment>
      <extracomment>请核对你的指示</extracomment>
      <translation>请核对你的指示</translation>
    </message>
    <message>
      <source>review_hint</source>
      <comment>為保障私隱，個人資料部分已隱藏。如需修改，請按「返回」。 / For your privacy, personal details are partly hidden. To change anything, press Back.</comment>
      <extracomment>为保障隐私，个人资料部分已隐藏。如需修改，请按「返回」。</extracomment>
      <translation>为保障隐私，个人资料部分已隐藏。如需修改，请按「返回」。</translation>
    </message>
    <message>
      <source>instruction</source>
      <comment>指示 / Instruction</comment>
      <extracomment>指示</extracomment>
      <translation>指示</translation>
    </message>
    <message>
      <source>confirm</source>
      <comment>確認並提交 / Confirm and submit</comment>
      <extracomment>确认并提交</extracomment>
      <translation>确认并提交</translation>
    </message>
    <message>
      <source>more_below</source>
      <comment>▼ 下面還有 / ▼ More below</comment>
      <extracomment>▼ 下面还有</extracomment>
      <translation>▼ 下面还有</translation>
    </message>
    <message>
      <source>official_terms</source>
      <comment>正式名稱： / Official names: </comment>
      <extracomment>正式名称：</extracomment>
      <translation>正式名称：</translation>
    </message>
    <message>
      <source>fund_risk</source>
      <comment>風險級別 {risk}（1 最低，7 最高） / Risk class {risk} (1 lowest, 7 highest)</comment>
      <extracomment>风险级别 {risk}（1 最低，7 最高）</extracomment>
      <translation>风险级别 {risk}（1 最低，7 最高）</translation>
    </message>
    <message>
      <source>fund_fee</source>
      <comment>基金開支比率每年 {fee}% / Fund expense ratio {fee}% a year</comment>
      <extracomment>基金开支比率每年 {fee}%</extracomment>
      <translation>基金开支比率每年 {fee}%</translation>
    </message>
    <message>
      <source>fund_facts_unknown</source>
      <comment>風險級別及收費：請向店員索取基金概覽 / Risk class and fees: ask staff for the fund fact sheet</comment>
      <extracomment>风险级别及收费：请向店员索取基金概览</extracomment>
      <translation>风险级别及收费：请向店员索取基金概览</translation>
    </message>
    <message>
      <source>back_to_top</source>
      <comment>▲ 回到頂部 / ▲ Back to top</comment>
      <extracomment>▲ 回到顶部</extracomment>
      <translation>▲ 回到顶部</translation>
    </message>
    <message>
      <source>review_read_all</source>
      <comment>請看完所有內容（按「▼ 下面還有」），才可確認。 / Read it all (tap “▼ More below”) before you confirm.</comment>
      <extracomment>请看完所有内容（按「▼ 下面还有」），才可确认。</extracomment>
      <translation>请看完所有内容（按「▼ 下面还有」），才可确认。</translation>
    </message>
    <message>
      <source>saving</source>
      <comment>正在儲存… / Saving…</comment>
      <extracomment>正在储存…</extracomment>
      <translation>正在储存…</translation>
    </message>
    <message>
      <source>receipt_title</source>
      <comment>已收到你的指示 / Your instruction has been received</comment>
      <extracomment>已收到你的指示</extracomment>
      <translation>已收到你的指示</translation>
    </message>
    <message>
      <source>receipt_ref</source>
      <comment>自助服務站參考編號 / Kiosk reference</comment>
      <extracomment>自助服务站参考编号</extracomment>
      <translation>自助服务站参考编号</translation>
    </message>
    <message>
      <source>receipt_keep</source>
      <comment>請拍下或記下參考編號，以便查詢。 / Take a photo of the reference or write it down for enquiries.</comment>
      <extracomment>请拍下或记下参考编号，以便查询。</extracomment>
      <translation>请拍下或记下参考编号，以便查询。</translation>
    </message>
    <message>
      <source>delivery_queued</source>
      <comment>指示會在網絡可用時傳送至積金易平台。 / Your instruction will be sent to the eMPF platform when the network is available.</comment>
      <extracomment>指示会在网络可用时传送至积金易平台。</extracomment>
      <translation>指示会在网络可用时传送至积金易平台。</translation>
    </message>
    <message>
      <source>delivery_sending</source>
      <comment>正在傳送至積金易平台… / Sending to the eMPF platform…</comment>
      <extracomment>正在传送至积金易平台…</extracomment>
      <translation>正在传送至积金易平台…</translation>
    </message>
    <message>
      <source>delivery_accepted</source>
      <comment>已送達積金易平台。 / Delivered to the eMPF platform.</comment>
      <extracomment>已送达积金易平台。</extracomment>
      <translation>已送达积金易平台。</translation>
    </message>
    <message>
      <source>delivery_rejected</source>
      <comment>積金易平台未能接受此指示，請向職員查詢。 / The eMPF platform could not accept this instruction; please ask the staff.</comment>
      <extracomment>积金易平台未能接受此指示，请向职员查询。</extracomment>
      <translation>积金易平台未能接受此指示，请向职员查询。</translation>
    </message>
    <message>
      <source>receipt_qr</source>
      <comment>二維碼只包含參考編號 / The QR code holds only the reference</comment>
      <extracomment>二维码只包含参考编号</extracomment>
      <translation>二维码只包含参考编号</translation>
    </message>
    <message>
      <source>receipt_closing</source>
      <comment>此畫面將於 {n} 秒後關閉 / This screen closes in {n} seconds</comment>
      <extracomment>此画面将于 {n} 秒后关闭</extracomment>
      <translation>此画面将于 {n} 秒后关闭</translation>
    </message>
    <message>
      <source>done</source>
      <comment>完成 / Done</comment>
      <extracomment>完成</extracomment>
      <translation>完成</translation>
    </message>
    <message>
      <source>print_receipt</source>
      <comment>列印收據 / Print receipt</comment>
      <extracomment>列印收据</extracomment>
      <translation>列印收据</translation>
    </message>
    <message>
      <source>print_again</source>
      <comment>再列印一次 / Print again</comment>
      <extracomment>再列印一次</extracomment>
      <translation>再列印一次</translation>
    </message>
    <message>
      <source>printing</source>
      <comment>正在列印收據… / Printing your receipt…</comment>
      <extracomment>正在列印收据…</extracomment>
      <translation>正在列印收据…</translation>
    </message>
    <message>
      <source>printed</source>
      <comment>收據已列印，請取回。 / Your receipt has been printed. Please take it.</comment>
      <extracomment>收据已列印，请取回。</extracomment>
      <translation>收据已列印，请取回。</translation>
    </message>
    <message>
      <source>print_paper_out</source>
      <comment>打印機沒有紙，未能列印收據。請記下參考編號，或請職員協助。 / The printer is out of paper: no receipt was printed. Write the reference down, or ask the staff.</comment>
      <extracomment>打印机没有纸，未能列印收据。请记下参考编号，或请职员协助。</extracomment>
      <translation>打印机没有纸，未能列印收据。请记下参考编号，或请职员协助。</translation>
    </message>
    <message>
      <source>print_offline</source>
      <comment>打印機未能連線，未能列印收據。請記下參考編號，或請職員協助。 / The printer is offline: no receipt was printed. Write the reference down, or ask the staff.</comment>
      <extracomment>打印机未能连线，未能列印收据。请记下参考编号，或请职员协助。</extracomment>
      <translation>打印机未能连线，未能列印收据。请记下参考编号，或请职员协助。</translation>
    </message>
    <message>
      <source>print_failed</source>
      <comment>未能列印收據。請記下參考編號，或請職員協助。 / The receipt could not be printed. Write the reference down, or ask the staff.</comment>
      <extracomment>未能列印收据。请记下参考编号，或请职员协助。</extracomment>
      <translation>未能列印收据。请记下参考编号，或请职员协助。</translation>
    </message>
    <message>
      <source>idle_title</source>
      <comment>仍在使用嗎？ / Are you still there?</comment>
      <extracomment>仍在使用吗？</extracomment>
      <translation>仍在使用吗？</translation>
    </message>
    <message>
      <source>idle_body</source>
      <comment>為保障你的私隱，{n} 秒後會清除已輸入的資料並返回主畫面。 / To protect your privacy, what you entered will be cleared in {n} seconds.</comment>
      <extracomment>为保障你的隐私，{n} 秒后会清除已输入的资料并返回主画面。</extracomment>
      <translation>为保障你的隐私，{n} 秒后会清除已输入的资料并返回主画面。</translation>
    </message>
    <message>
      <source>idle_more_time</source>
      <comment>我需要更多時間 / I need more time</comment>
      <extracomment>我需要更多时间</extracomment>
      <translation>我需要更多时间</translation>
    </message>
    <message>
      <source>question_n</source>
      <comment>問題 {n} / {of} / Question {n} of {of}</comment>
      <extracomment>问题 {n} / {of}</extracomment>
      <translation>问题 {n} / {of}</translation>
    </message>
    <message>
      <source>to_review</source>
      <comment>核對指示 / Check and review</comment>
      <extracomment>核对指示</extracomment>
      <translation>核对指示</translation>
    </message>
    <message>
      <source>i_confirm</source>
      <comment>我確認以上聲明屬實 / I confirm this is true</comment>
      <extracomment>我确认以上声明属实</extracomment>
      <translation>我确认以上声明属实</translation>
    </message>
    <message>
      <source>allocation_total_ok</source>
      <comment>合計 {total}% / Total {total}%</comment>
      <extracomment>合计 {total}%</extracomment>
      <translation>合计 {total}%</translation>
    </message>
    <message>
      <source>allocation_total_off</source>
      <comment>合計 {total}%：須為 100%（相差 {left}%） / Total {total}%: it must be 100% ({left}% to go)</comment>
      <extracomment>合计 {total}%：须为 100%（相差 {left}%）</extracomment>
      <translation>合计 {total}%：须为 100%（相差 {left}%）</translation>
    </message>
    <message>
      <source>switch_out_count</source>
      <comment>已選擇 {n} 個轉出基金 / {n} funds chosen to switch out of</comment>
      <extracomment>已选择 {n} 个转出基金</extracomment>
      <translation>已选择 {n} 个转出基金</translation>
    </message>
    <message>
      <source>rows_position</source>
      <comment>成員 {n} / {of} / Member {n} of {of}</comment>
      <extracomment>成员 {n} / {of}</extracomment>
      <translation>成员 {n} / {of}</translation>
    </message>
    <message>
      <source>rows_add</source>
      <comment>＋ 新增 / + Add</comment>
      <extracomment>＋ 新增</extracomment>
      <translation>＋ 新增</translation>
    </message>
    <message>
      <source>rows_remove</source>
      <comment>刪除 / Remove</comment>
      <extracomment>删除</extracomment>
      <translation>删除</translation>
    </message>
    <message>
      <source>import_usb</source>
      <comment>從 USB 手指匯入成員 / Import members from a USB stick</comment>
      <extracomment>从 USB 手指汇入成员</extracomment>
      <translation>从 USB 手指汇入成员</translation>
    </message>
    <message>
      <source>import_usb_hint</source>
      <comment>以範本格式（CSV）匯入全部成員，會取代已輸入的成員。 / Imports every member from a file in the template (CSV), replacing the members typed.</comment>
      <extracomment>以范本格式（CSV）汇入全部成员，会取代已输入的成员。</extracomment>
      <translation>以范本格式（CSV）汇入全部成员，会取代已输入的成员。</translation>
    </message>
    <message>
      <source>import_listing</source>
      <comment>正在尋找 USB 手指上的檔案… / Looking for files on the USB stick…</comment>
      <extracomment>正在寻找 USB 手指上的文件…</extracomment>
      <translation>正在寻找 USB 手指上的文件…</translation>
    </message>
    <message>
      <source>import_choose</source>
      <comment>請選擇結算書檔案： / Choose the statement file:</comment>
      <extracomment>请选择结算书文件：</extracomment>
      <translation>请选择结算书文件：</translation>
    </message>
    <message>
      <source>import_reading</source>
      <comment>正在讀取及檢查「{name}」… / Reading and checking "{name}"…</comment>
      <extracomment>正在读取及检查「{name}」…</extracomment>
      <translation>正在读取及检查「{name}」…</translation>
    </message>
    <message>
      <source>import_file</source>
      <comment>{name}（{kb} KB） / {name} ({kb} KB)</comment>
      <extracomment>{name}（{kb} KB）</extracomment>
      <translation>{name}（{kb} KB）</translation>
    </message>
    <message>
      <source>import_close</source>
      <comment>關閉 / Close</comment>
      <extracomment>关闭</extracomment>
      <translation>关闭</translation>
    </message>
    <message>
      <source>import_cancel</source>
      <comment>取消 / Cancel</comment>
      <extracomment>取消</extracomment>
      <translation>取消</translation>
    </message>
    <message>
      <source>import_again</source>
      <comment>再試一次 / Try again</comment>
      <extracomment>再试一次</extracomment>
      <translation>再试一次</translation>
    </message>
    <message>
      <source>rows_no_difference</source>
      <comment>沒有差額 / No difference</comment>
      <extracomment>没有差额</extracomment>
      <translation>没有差额</translation>
    </message>
    <message>
      <source>rows_computed_none</source>
      <comment>填寫有關入息後，本機會計算強制性供款。 / Enter the relevant income and the kiosk works out the mandatory contributions.</comment>
      <extracomment>填写有关入息后，本机会计算强制性供款。</extracomment>
      <translation>填写有关入息后，本机会计算强制性供款。</translation>
    </message>
    <message>
      <source>rows_computed</source>
      <comment>按規則計算：僱主 HK${er}，僱員 HK${ee}（{basis}） / By the rules: employer HK${er}, employee HK${ee} ({basis})</comment>
      <extracomment>按规则计算：雇主 HK${er}，雇员 HK${ee}（{basis}）</extracomment>
      <translation>按规则计算：雇主 HK${er}，雇员 HK${ee}（{basis}）</translation>
    </message>
    <message>
      <source>rows_computed_differs</source>
      <comment>與你輸入的金額不同：請更正，或在下面選擇差額的原因。 / This differs from what you entered: correct it, or choose the reason below.</comment>
      <extracomment>与你输入的金额不同：请更正，或在下面选择差额的原因。</extracomment>
      <translation>与你输入的金额不同：请更正，或在下面选择差额的原因。</translation>
    </message>
    <message>
      <source>chinese_unavailable</source>
      <comment>本機暫時未能輸入中文，請以英文填寫，或留空並請職員協助。 / Chinese cannot be typed at this kiosk right now: type it in English, or leave it and ask the staff.</comment>
      <extracomment>本机暂时未能输入中文，请以英文填写，或留空并请职员协助。</extracomment>
      <translation>本机暂时未能输入中文，请以英文填写，或留空并请职员协助。</translation>
    </message>
    <message>
      <source>employer_menu</source>
      <comment>僱主服務 / For employers</comment>
      <extracomment>雇主服务</extracomment>
      <translation>雇主服务</translation>
    </message>
    <message>
      <source>employer_menu_summary</source>
      <comment>登記僱員、僱員離職、供款資料 / Enrol or terminate employees, contribution data</comment>
      <extracomment>登记雇员、雇员离职、供款资料</extracomment>
      <translation>登记雇员、雇员离职、供款资料</translation>
    </message>
    <message>
      <source>employer_menu_title</source>
      <comment>僱主服務：你想辦理甚麼？ / For employers: what would you like to do?</comment>
      <extracomment>雇主服务：你想办理什么？</extracomment>
      <translation>雇主服务：你想办理什么？</translation>
    </message>
    <message>
      <source>scan_open_summary</source>
      <comment>已在網上預先填寫指示 / An instruction you prepared online</comment>
      <extracomment>已在网上预先填写指示</extracomment>
      <translation>已在网上预先填写指示</translation>
    </message>
    <message>
      <source>review_notes</source>
      <comment>請留意 / Please note</comment>
      <extracomment>请留意</extracomment>
      <translation>请留意</translation>
    </message>
    <message>
      <source>review_change</source>
      <comment>修改 / Change</comment>
      <extracomment>修改</extracomment>
      <translation>修改</translation>
    </message>
    <message>
      <source>a11y_large_text</source>
      <comment>大字 / Large text</comment>
      <extracomment>大字</extracomment>
      <translation>大字</translation>
    </message>
    <message>
      <source>a11y_high_contrast</source>
      <comment>高對比 / High contrast</comment>
      <extracomment>高对比</extracomment>
      <translation>高对比</translation>
    </message>
    <message>
      <source>a11y_speech</source>
      <comment>讀出指示 / Read aloud</comment>
      <extracomment>读出指示</extracomment>
      <translation>读出指示</translation>
    </message>
    <message>
      <source>a11y_title</source>
      <comment>閱讀輔助 / Easier to read</comment>
      <extracomment>阅读辅助</extracomment>
      <translation>阅读辅助</translation>
    </message>
    <message>
      <source>speech_again</source>
      <comment>再讀一次 / Read again</comment>
      <extracomment>再读一次</extracomment>
      <translation>再读一次</translation>
    </message>
    <message>
      <source>speech_quieter</source>
      <comment>調低音量 / Quieter</comment>
      <extracomment>调低音量</extracomment>
      <translation>调低音量</translation>
    </message>
    <message>
      <source>speech_louder</source>
      <comment>調高音量 / Louder</comment>
      <extracomment>调高音量</extracomment>
      <translation>调高音量</translation>
    </message>
    <message>
      <source>speech_volume</source>
      <comment>音量 {n} / {of} / Volume {n} of {of}</comment>
      <extracomment>音量 {n} / {of}</extracomment>
      <translation>音量 {n} / {of}</translation>
    </message>
    <message>
      <source>speech_unavailable</source>
      <comment>本機暫時未能讀出指示。如需協助，請向店員查詢。 / Reading aloud is not available here. Please ask the shop staff.</comment>
      <extracomment>本机暂时未能读出指示。如需协助，请向店员查询。</extracomment>
      <translation>本机暂时未能读出指示。如需协助，请向店员查询。</translation>
    </message>
    <message>
      <source>status_title</source>
      <comment>本機狀態 / This kiosk</comment>
      <extracomment>本机状态</extracomment>
      <translation>本机状态</translation>
    </message>
    <message>
      <source>yes</source>
      <comment>是 / Yes</comment>
      <extracomment>是</extracomment>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <comment>否 / No</comment>
      <extracomment>否</extracomment>
      <translation>否</translation>
    </message>
    <message>
      <source>review_member_row</source>
      <comment>成員 {n} / Member {n}</comment>
      <extracomment>成员 {n}</extracomment>
      <translation>成员 {n}</translation>
    </message>
    <message>
      <source>optional_hint</source>
      <comment>可留空。 / You may leave this empty.</comment>
      <extracomment>可留空。</extracomment>
      <translation>可留空。</translation>
    </message>
    <message>
      <source>reg_id_title</source>
      <comment>登記前須核實你的身份 / Registering needs your identity checked</comment>
      <extracomment>登记前须核实你的身份</extracomment>
      <translation>登记前须核实你的身份</translation>
    </message>
    <message>
      <source>reg_id_why</source>
      <comment>為防止有人冒用身份證，開立積金易帳戶須經「智方便」，或由店員親眼核對你的香港身份證。只輸入或讀取身份證號碼，不能用作登記。 / To stop forged identity cards being used, opening an eMPF account needs iAM Smart, or shop staff looking at your HKID card. A typed or card-read HKID number alone is not enough.</comment>
      <extracomment>为防止有人冒用身份证，开立积金易账户须经「智方便」，或由店员亲眼核对你的香港身份证。只输入或读取身份证号码，不能用作登记。</extracomment>
      <translation>为防止有人冒用身份证，开立积金易账户须经「智方便」，或由店员亲眼核对你的香港身份证。只输入或读取身份证号码，不能用作登记。</translation>
    </message>
    <message>
      <source>reg_id_iamsmart</source>
      <comment>使用「智方便」 / Use iAM Smart</comment>
      <extracomment>使用「智方便」</extracomment>
      <translation>使用「智方便」</translation>
    </message>
    <message>
      <source>reg_id_iamsmart_hint</source>
      <comment>用手機掃描二維碼；你的姓名及出生日期會自動填上。 / Scan a QR code with your phone; your name and date of birth are filled in for you.</comment>
      <extracomment>用手机扫描二维码；你的姓名及出生日期会自动填上。</extracomment>
      <translation>用手机扫描二维码；你的姓名及出生日期会自动填上。</translation>
    </message>
    <message>
      <source>reg_id_staff</source>
      <comment>請店員協助 / Ask shop staff</comment>
      <extracomment>请店员协助</extracomment>
      <translation>请店员协助</translation>
    </message>
    <message>
      <source>reg_id_staff_hint</source>
      <comment>店員會核對你的香港身份證。 / Staff will check your HKID card.</comment>
      <extracomment>店员会核对你的香港身份证。</extracomment>
      <translation>店员会核对你的香港身份证。</translation>
    </message>
    <message>
      <source>reg_id_staff_wait</source>
      <comment>請向店員示意並準備好你的香港身份證。店員會在本機以職員咭或職員編號登入，親眼核對你的身份證後，你便可繼續登記。 / Please call a member of the shop staff and have your HKID card ready. They sign in on this kiosk with their staff card or staff number, look at your card, and then you carry on registering.</comment>
      <extracomment>请向店员示意并准备好你的香港身份证。店员会在本机以职员卡或职员编号登录，亲眼核对你的身份证后，你便可继续登记。</extracomment>
      <translation>请向店员示意并准备好你的香港身份证。店员会在本机以职员卡或职员编号登录，亲眼核对你的身份证后，你便可继续登记。</translation>
    </message>
    <message>
      <source>reg_id_menu_hint</source>
      <comment>須經「智方便」或店員核對身份證 / Needs iAM Smart or staff checking your HKID card</comment>
      <extracomment>须经「智方便」或店员核对身份证</extracomment>
      <translation>须经「智方便」或店员核对身份证</translation>
    </message>
  </context>
</TS>
