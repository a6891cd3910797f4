curl "https://www.audioscrape.com/api/notifications" \
  -H "Authorization: Bearer $AUDIOSCRAPE_API_KEY"
